package io.coffer.secrets.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.coffer.secrets.audit.journal.AuditJournal;
import io.coffer.secrets.audit.journal.AuditJournalException;
import io.coffer.secrets.audit.journal.AuditRecord;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * An {@link AuditJournal} for tests: keeps every appended record in memory, and refuses
 * the records a test names ({@link #refuse}) as a full or unwritable journal would.
 */
public class RecordingAuditJournal implements AuditJournal {

	private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

	private final AtomicLong seq = new AtomicLong();

	private volatile Predicate<AuditRecord> refused = (record) -> false;

	@Override
	public long append(AuditRecord record) {
		if (this.refused.test(record)) {
			throw new AuditJournalException("journal full (test)");
		}
		this.records.add(record);
		return this.seq.incrementAndGet();
	}

	/** Refuses every record matching {@code which} from now on. */
	public void refuse(Predicate<AuditRecord> which) {
		this.refused = which;
	}

	/** Accepts everything again and forgets what was appended. */
	public void reset() {
		this.refused = (record) -> false;
		this.records.clear();
	}

	public List<AuditRecord> records() {
		return List.copyOf(this.records);
	}

	/** The test journal as the node's journal, ahead of any production one. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		RecordingAuditJournal recordingAuditJournal() {
			return new RecordingAuditJournal();
		}

	}

}
