package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.coffer.common.audit.ChainReport;
import io.coffer.common.audit.JournalLine;
import io.coffer.common.audit.JournalPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static io.coffer.secrets.audit.journal.JournalFixtures.entry;
import static io.coffer.secrets.audit.journal.JournalFixtures.open;
import static io.coffer.secrets.audit.journal.JournalFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The journal on real files: group commit, chains, restarts, crashes, bounds. */
class FileAuditJournalTest {

	private static final int APPENDERS = 16;

	@TempDir
	Path dir;

	@Test
	void concurrentAppendsGetDistinctOrderedPositionsWithFewerFsyncsThanEntries() throws Exception {
		int perAppender = 250;
		ConcurrentLinkedQueue<Long> seqs = new ConcurrentLinkedQueue<>();
		long[] latencies = new long[APPENDERS * perAppender];
		try (FileAuditJournal journal = open(settings(this.dir))) {
			long elapsed = appendConcurrently(journal, perAppender, seqs, latencies);
			int total = APPENDERS * perAppender;
			Arrays.sort(latencies);
			System.out.printf(
					"Audit journal, %d appenders: %d appends in %d ms = %.0f appends/s, %d fsyncs, "
							+ "latency p50 %.2f ms p99 %.2f ms%n",
					APPENDERS, total, elapsed / 1_000_000, total * 1e9 / elapsed, journal.syncs(),
					latencies[total / 2] / 1e6, latencies[total * 99 / 100] / 1e6);

			assertThat(seqs).hasSize(total).doesNotHaveDuplicates();
			assertThat(seqs.stream().mapToLong(Long::longValue).max()).hasValue(total);
			assertThat(journal.head()).isEqualTo(total);
			assertThat(journal.syncs()).isLessThan(total);
			List<JournalLine> lines = allLines(journal, "file/");
			assertThat(lines).extracting(JournalLine::seq)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
			assertChained(journal.id(), lines);
			assertThat(journal.verify()).isEqualTo(ChainReport.intact(total));
		}
	}

	@Test
	void theFirstLineOfADeviceHasAnEmptyPrevAndEachNextTheHashOfTheOneBefore() throws IOException {
		try (FileAuditJournal journal = open(settings(this.dir))) {
			journal.append(entry("r1", "file/"));
			journal.append(entry("r2", "file/", "kafka/"));
			List<JournalLine> file = journal.lines("file/", 0, 10).lines();
			List<JournalLine> kafka = journal.lines("kafka/", 0, 10).lines();

			assertThat(file.get(0).line())
				.endsWith(",\"coffer_chain\":{\"journal\":\"" + journal.id() + "\",\"seq\":1,\"prev\":\"\"}}");
			assertThat(file.get(1).line())
				.endsWith("\"seq\":2,\"prev\":\"sha256:" + ChainField.hash(file.get(0).line()) + "\"}}");
			assertThat(kafka).singleElement().satisfies((line) -> {
				assertThat(line.seq()).isEqualTo(2);
				assertThat(line.requestId()).isEqualTo("r2");
				assertThat(line.line()).endsWith("\"seq\":2,\"prev\":\"\"}}");
			});
		}
	}

	@Test
	void aPageSkipsEntriesWithoutTheDeviceAndStopsAtTheLimit() throws IOException {
		try (FileAuditJournal journal = open(settings(this.dir))) {
			journal.append(entry("r1", "file/"));
			journal.append(entry("r2", "kafka/"));
			journal.append(entry("r3", "file/"));
			journal.append(entry("r4", "kafka/"));

			JournalPage first = journal.lines("file/", 0, 1);
			JournalPage rest = journal.lines("file/", first.next(), 10);

			assertThat(first.lines()).extracting(JournalLine::seq).containsExactly(1L);
			assertThat(first.next()).isEqualTo(1);
			assertThat(rest.lines()).extracting(JournalLine::seq).containsExactly(3L);
			assertThat(rest.next()).isEqualTo(4);
			assertThat(rest.head()).isEqualTo(4);
			assertThat(journal.lines("syslog/", 0, 10).lines()).isEmpty();
		}
	}

	@Test
	void aRestartKeepsPositionsChainsAndCursors() throws IOException {
		String id;
		try (FileAuditJournal journal = open(settings(this.dir))) {
			for (int i = 1; i <= 3; i++) {
				journal.append(entry("r" + i, "file/"));
			}
			journal.ack("file/", 2);
			id = journal.id();
		}
		try (FileAuditJournal journal = open(settings(this.dir))) {
			assertThat(journal.append(entry("r4", "file/"))).isEqualTo(4);
			assertThat(journal.id()).isEqualTo(id);
			assertThat(journal.state("n1").delivered()).containsEntry("file/", 2L);
			List<JournalLine> lines = allLines(journal, "file/");
			assertThat(lines).hasSize(4);
			assertChained(id, lines);
			assertThat(journal.verify()).isEqualTo(ChainReport.intact(4));
		}
	}

	@Test
	void aTornLastEntryIsCutOnOpenAndEverythingDurableBeforeItStays() throws IOException {
		try (FileAuditJournal journal = open(settings(this.dir))) {
			for (int i = 1; i <= 3; i++) {
				journal.append(entry("r" + i, "file/"));
			}
		}
		Path segment = JournalFiles.segmentFiles(this.dir).getLast();
		long durable = Files.size(segment);
		try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			// what a kill -9 mid-write leaves: a frame header promising more bytes than
			// made it
			channel.write(ByteBuffer.allocate(20).putInt(500).putInt(12345).put(new byte[12]).flip());
		}

		try (FileAuditJournal journal = open(settings(this.dir))) {
			assertThat(journal.append(entry("r4", "file/"))).isEqualTo(4);
			assertThat(allLines(journal, "file/")).hasSize(4);
			assertThat(journal.verify()).isEqualTo(ChainReport.intact(4));
		}
		assertThat(Files.size(segment)).isGreaterThan(durable);
		assertThat(this.dir.resolve("torn-4.bin")).hasSize(20);
	}

	@Test
	void aTamperedByteIsFoundByVerifyAndNamesTheEntry() throws IOException {
		try (FileAuditJournal journal = open(settings(this.dir))) {
			for (int i = 1; i <= 5; i++) {
				journal.append(entry("request-" + i, "file/"));
			}
		}
		Path segment = JournalFiles.segmentFiles(this.dir).getLast();
		byte[] bytes = Files.readAllBytes(segment);
		int at = indexOf(bytes, "request-3\",\"path".getBytes(StandardCharsets.UTF_8));
		bytes[at] = 'R';
		Files.write(segment, bytes);

		try (FileAuditJournal journal = open(settings(this.dir))) {
			ChainReport report = journal.verify();

			assertThat(report.ok()).isFalse();
			assertThat(report.seq()).isEqualTo(3);
			assertThat(report.journal()).isEqualTo(journal.id());
			assertThat(report.checked()).isEqualTo(2);
			// an altered entry is no torn tail: the entries after it stay
			assertThat(journal.head()).isEqualTo(5);
		}
	}

	@Test
	void aFullJournalRefusesUntilAnAckDropsASegment() throws IOException {
		JournalProperties small = settings(this.dir, DataSize.ofBytes(4096), DataSize.ofBytes(1024));
		try (FileAuditJournal journal = open(small)) {
			long last = 0;
			try {
				while (true) {
					last = journal.append(entry("r" + (last + 1), "file/"));
				}
			}
			catch (AuditJournalException ex) {
				assertThat(ex).hasMessage("audit journal is full");
			}
			assertThat(last).isGreaterThan(3);
			assertThat(journal.writable()).isFalse();
			assertThat(journal.refusingSince()).isPresent();
			assertThatThrownBy(() -> journal.append(entry("again", "file/"))).isInstanceOf(AuditJournalException.class);

			journal.ack("file/", last);

			assertThat(journal.writable()).isTrue();
			assertThat(journal.refusingSince()).isEmpty();
			assertThat(journal.append(entry("after", "file/"))).isEqualTo(last + 1);
			assertThat(journal.bytes()).isLessThanOrEqualTo(4096);
			assertThat(journal.verify().ok()).isTrue();
		}
	}

	@Test
	void segmentsStayUntilEveryDeviceWithLinesInThemIsPastThem() throws IOException {
		JournalProperties small = settings(this.dir, DataSize.ofMegabytes(1), DataSize.ofBytes(1024));
		try (FileAuditJournal journal = open(small)) {
			for (int i = 1; i <= 20; i++) {
				journal.append(entry("r" + i, "file/", "kafka/"));
			}
			int segments = JournalFiles.segmentFiles(this.dir).size();
			assertThat(segments).isGreaterThan(2);

			journal.ack("file/", 20);
			assertThat(JournalFiles.segmentFiles(this.dir)).hasSize(segments);

			journal.ack("kafka/", 20);
			assertThat(JournalFiles.segmentFiles(this.dir)).hasSize(1);
			assertThat(journal.lines("kafka/", 20, 10).lines()).isEmpty();
			journal.append(entry("r21", "kafka/"));
			assertThat(journal.lines("kafka/", 20, 10).lines()).extracting(JournalLine::seq).containsExactly(21L);
			assertThat(journal.verify().ok()).isTrue();
		}
	}

	@Test
	void anUnwritableDirectoryRefusesAppendsAndRecoversWhenItIsBack() throws IOException {
		Path blocked = this.dir.resolve("journal");
		Files.writeString(blocked, "not a directory");
		try (FileAuditJournal journal = open(settings(blocked))) {
			assertThatThrownBy(() -> journal.append(entry("r1", "file/"))).isInstanceOf(AuditJournalException.class)
				.hasMessage("audit journal is unwritable");
			assertThat(journal.writable()).isFalse();
			assertThat(journal.refusingSince()).isPresent();

			Files.delete(blocked);
			journal.probe();

			await().atMost(Duration.ofSeconds(5)).until(journal::writable);
			assertThat(journal.append(entry("r1", "file/"))).isEqualTo(1);
			assertThat(journal.refusingSince()).isEmpty();
		}
	}

	@Test
	void aWaitingReaderWakesWhenAnEntryIsAppended() throws Exception {
		try (FileAuditJournal journal = open(settings(this.dir))) {
			journal.append(entry("r1", "file/"));
			CountDownLatch waiting = new CountDownLatch(1);
			CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> {
				waiting.countDown();
				try {
					return journal.awaitAfter(1, 20_000);
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			waiting.await();

			journal.append(entry("r2", "file/"));

			assertThat(woke.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(journal.lines("file/", 1, 10).lines()).extracting(JournalLine::seq).containsExactly(2L);
		}
	}

	private static long appendConcurrently(FileAuditJournal journal, int perAppender, ConcurrentLinkedQueue<Long> seqs,
			long[] latencies) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(APPENDERS);
		for (int t = 0; t < APPENDERS; t++) {
			int appender = t;
			pool.submit(() -> {
				start.await();
				for (int i = 0; i < perAppender; i++) {
					long began = System.nanoTime();
					seqs.add(journal.append(entry("r-" + appender + "-" + i, "file/")));
					latencies[appender * perAppender + i] = System.nanoTime() - began;
				}
				return null;
			});
		}
		long began = System.nanoTime();
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		return System.nanoTime() - began;
	}

	static List<JournalLine> allLines(FileAuditJournal journal, String device) throws IOException {
		List<JournalLine> lines = new ArrayList<>();
		long after = 0;
		while (after < journal.head()) {
			JournalPage page = journal.lines(device, after, 1000);
			lines.addAll(page.lines());
			after = page.next();
		}
		return lines;
	}

	private static void assertChained(String id, List<JournalLine> lines) {
		String previous = "";
		for (JournalLine line : lines) {
			assertThat(line.line()).endsWith(ChainField.field(id, line.seq(), previous) + "}");
			previous = ChainField.hash(line.line());
		}
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		outer: for (int i = 0; i <= bytes.length - part.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (bytes[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		throw new AssertionError("not found");
	}

}
