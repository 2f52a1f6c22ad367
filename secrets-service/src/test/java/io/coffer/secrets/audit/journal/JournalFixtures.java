package io.coffer.secrets.audit.journal;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/** Journals on a test's own directory, and entries for them. */
final class JournalFixtures {

	private JournalFixtures() {
	}

	static JournalProperties settings(Path dir) {
		return settings(dir, DataSize.ofMegabytes(64), DataSize.ofMegabytes(4));
	}

	static JournalProperties settings(Path dir, DataSize maxBytes, DataSize segmentBytes) {
		return new JournalProperties(dir, maxBytes, segmentBytes, Duration.ZERO, Duration.ofSeconds(10));
	}

	static FileAuditJournal open(JournalProperties settings) {
		return new FileAuditJournal(settings, Clock.systemUTC(), new SecureRandom());
	}

	static AuditRecord entry(String requestId, String... devices) {
		Map<String, String> lines = new java.util.TreeMap<>();
		for (String device : devices) {
			lines.put(device, "{\"type\":\"request\",\"request\":{\"id\":\"" + requestId + "\",\"path\":\"secret/"
					+ device + "\"}}");
		}
		return new AuditRecord("request", requestId, lines);
	}

}
