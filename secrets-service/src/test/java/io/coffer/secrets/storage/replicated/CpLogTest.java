package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading runs of entries from the CP ring, as a follower that is behind does, and the
 * write probe CP recovery relies on.
 */
class CpLogTest {

	@TempDir
	Path dataDir;

	@Test
	void readsConsecutiveEntriesFromTheRingInBatchesUpToTheHead() {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.awaitActive(Duration.ofSeconds(30));
			for (int i = 0; i < 150; i++) {
				node.put("k/" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
			}
			CpLog log = node.runtime().cpLog;
			LogEntry head = log.head();
			long from = head.index() - 140;

			List<LogEntry> batch = log.readFrom(from, head, 128);
			assertThat(batch).hasSize(128);
			assertThat(batch).extracting(LogEntry::index).startsWith(from, from + 1).endsWith(from + 127);

			List<LogEntry> rest = log.readFrom(from + 128, head, 128);
			assertThat(rest).extracting(LogEntry::index).endsWith(head.index()).hasSize(13);
			assertThat(rest.getLast()).isEqualTo(head);
		}
	}

	@Test
	void theWriteProbeAnswersOnAWorkingGroupAndChangesNothing() {
		try (ReplicatedStorage node = TestNodes.start(TestNodes.single(this.dataDir))) {
			node.awaitActive(Duration.ofSeconds(30));
			node.put("k", "v".getBytes(StandardCharsets.UTF_8));
			CpLog log = node.runtime().cpLog;
			LogEntry head = log.head();

			assertThat(log.answers(Duration.ofSeconds(5))).isTrue();
			assertThat(log.head()).hasToString(head.toString());
			assertThat(node.get("k").map((v) -> new String(v, StandardCharsets.UTF_8))).contains("v");
		}
	}

}
