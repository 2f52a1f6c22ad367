package io.coffer.secrets.audit.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.coffer.secrets.ha.FakeHaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.coffer.secrets.audit.journal.JournalFixtures.entry;
import static io.coffer.secrets.audit.journal.JournalFixtures.open;
import static io.coffer.secrets.audit.journal.JournalFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An active node whose journal refuses appends steps down, stays out while it refuses,
 * and contends again once the disk is back (step-down-after 0 here).
 */
class JournalStepDownTest {

	@TempDir
	Path dir;

	@Test
	void anActiveNodeWithAnUnwritableJournalStepsDownAndComesBackWithTheDisk() throws Exception {
		Path blocked = this.dir.resolve("journal");
		Files.writeString(blocked, "not a directory");
		FakeHaCluster ha = new FakeHaCluster();
		ha.joinElection();
		try (FileAuditJournal journal = open(settings(blocked))) {
			JournalStepDown guard = new JournalStepDown(journal, ha, () -> false, settings(blocked), Clock.systemUTC());
			guard.check();
			assertThat(ha.isActive()).as("nothing refused yet").isTrue();

			assertThatThrownBy(() -> journal.append(entry("r1", "file/"))).isInstanceOf(AuditJournalException.class);
			guard.check();
			assertThat(ha.isActive()).isFalse();

			ha.joinElection();
			guard.check();
			assertThat(ha.isActive()).as("put back while the journal refuses").isFalse();

			Files.delete(blocked);
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				guard.check();
				return ha.isActive();
			});
			assertThat(journal.append(entry("r1", "file/"))).isEqualTo(1);
			guard.close();
		}
	}

}
