package io.coffer.snapshot.schedule;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.snapshot.metrics.SnapshotMetrics;
import io.coffer.snapshot.node.NodeClient;
import io.coffer.snapshot.settings.SnapshotProperties;
import io.coffer.snapshot.support.SnapshotServiceTest;
import io.coffer.snapshot.target.SnapshotTargets;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import io.coffer.support.node.ActiveNodeCalls;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.support.web.vault.VaultResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scheduler against a node serving real snapshot archives: one snapshot per tick
 * whatever the number of instances, retention, {@code local_max_space}, and a damaged
 * snapshot reported as a verification failure and never kept; the outcome in the status
 * Vault clients read and in the metrics.
 */
class SnapshotSchedulerTest extends SnapshotServiceTest {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	@Autowired
	SnapshotScheduler scheduler;

	@Autowired
	SnapshotMetrics metrics;

	@Autowired
	SnapshotProperties properties;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SnapshotTargets targets;

	@Test
	void twoInstancesTakeExactlyOneSnapshotPerTick() throws Exception {
		Path dir = configure("two", Map.of("retain", 10));
		SnapshotScheduler other = anotherInstance();
		assertThat(this.scheduler.checkOnce() + other.checkOnce()).as("nothing due right after the write").isZero();

		for (int tick = 1; tick <= 3; tick++) {
			this.clock.advance(INTERVAL);
			CompletableFuture<Integer> a = CompletableFuture.supplyAsync(this.scheduler::checkOnce);
			CompletableFuture<Integer> b = CompletableFuture.supplyAsync(other::checkOnce);
			assertThat(a.get() + b.get()).isEqualTo(1);
			assertThat(this.scheduler.checkOnce() + other.checkOnce()).isZero();
		}

		assertThat(NODE.snapshotsServed()).isEqualTo(3);
		assertThat(snapshots(dir)).hasSize(3).allSatisfy((file) -> SnapshotReader.verify(file));
	}

	@Test
	void retentionKeepsExactlyRetainNewest() throws IOException {
		Path dir = configure("keep", Map.of("retain", 3));
		for (int tick = 1; tick <= 5; tick++) {
			this.clock.advance(INTERVAL);
			assertThat(this.scheduler.checkOnce()).isEqualTo(1);
		}

		List<Path> kept = snapshots(dir);
		assertThat(kept).hasSize(3);
		long newest = this.clock.instant().getEpochSecond();
		assertThat(kept).extracting((file) -> file.getFileName().toString())
			.containsExactlyInAnyOrder(name(newest), name(newest - 60), name(newest - 120));
		Map<String, Object> status = status("keep");
		assertThat(status.get("last_snapshot_url")).isEqualTo(dir.resolve(name(newest)).toString());
		assertThat(status.get("snapshots")).asList().hasSize(3);
		// the error counters exist at 0 before any failure (dashboards and alerts see 0)
		assertThat(counter("vault.autosnapshots.save.errors", "keep")).isZero();
		assertThat(counter("vault.autosnapshots.verify.errors", "keep")).isZero();
	}

	@Test
	void localMaxSpaceRefusesASnapshotThatDoesNotFitAndTheScheduleGoesOn() throws IOException {
		long room = NODE.archiveSize() * 2 + NODE.archiveSize() / 2;
		Path dir = configure("space", Map.of("retain", 5, "local_max_space", room));
		for (int tick = 1; tick <= 2; tick++) {
			this.clock.advance(INTERVAL);
			this.scheduler.checkOnce();
		}
		assertThat(status("space")).containsEntry("consecutive_errors", 0);

		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();

		Map<String, Object> status = status("space");
		assertThat(status).containsEntry("consecutive_errors", 1);
		assertThat((String) status.get("last_snapshot_error")).contains("local_max_space");
		assertThat(snapshots(dir)).hasSize(2);
		assertThat(everyFile(dir)).hasSize(2);
		assertThat(counter("vault.autosnapshots.save.errors", "space")).isEqualTo(1.0);
		assertThat(this.meters.find("vault.autosnapshots.percent.maxspace.used").tag("config", "space").gauge().value())
			.isCloseTo(80.0, within(0.5));

		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();
		assertThat(status("space")).containsEntry("consecutive_errors", 2);
		assertThat(NODE.snapshotsServed()).isEqualTo(4);
	}

	@Test
	void aDamagedSnapshotIsReportedAsAVerificationFailureAndNeverKept() throws IOException {
		Path dir = configure("damaged", Map.of("retain", 2));
		NODE.corruptSnapshots(true);
		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();

		Map<String, Object> failed = status("damaged");
		assertThat((String) failed.get("last_snapshot_error")).startsWith("snapshot verification failed");
		assertThat(failed).containsEntry("consecutive_errors", 1).containsEntry("last_snapshot_url", "");
		assertThat(failed.get("verification")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("ok", false);
		assertThat(everyFile(dir)).isEmpty();
		assertThat(counter("vault.autosnapshots.verify.errors", "damaged")).isEqualTo(1.0);

		NODE.corruptSnapshots(false);
		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();

		Map<String, Object> ok = status("damaged");
		assertThat(ok).containsEntry("consecutive_errors", 0).containsEntry("last_snapshot_error", "");
		assertThat(ok.get("verification")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("ok", true)
			.containsEntry("log_index", 42)
			.containsEntry("entry_count", 40)
			.containsEntry("decrypted_entries", 40)
			.containsEntry("cluster_id", "cluster-test");
		assertThat(ok.get("next_snapshot_start")).isEqualTo(VaultResponses.time(nextMinute()));
		assertThat(snapshots(dir)).hasSize(1);
		assertThat(this.meters.find("vault.autosnapshots.last.success.time").tag("config", "damaged").gauge().value())
			.isEqualTo(this.clock.instant().getEpochSecond());
	}

	@Test
	void aSnapshotWhoseEntriesDoNotDecryptOnTheNodeIsAVerificationFailureAndNeverKept() throws IOException {
		Path dir = configure("undecryptable", Map.of("retain", 2));
		NODE.undecryptableSnapshots(true);
		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();

		Map<String, Object> failed = status("undecryptable");
		assertThat(failed).containsEntry("last_snapshot_error", "snapshot verification failed: snapshot entries do "
				+ "not decrypt: integrity check failed for logical/kv/app-0007");
		assertThat(everyFile(dir)).isEmpty();
		assertThat(counter("vault.autosnapshots.verify.errors", "undecryptable")).isEqualTo(1.0);
		NODE.undecryptableSnapshots(false);
	}

	private Path configure(String name, Map<String, Object> extra) {
		Path dir = temp("snapshots-" + name);
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("interval", "1m", "path_prefix", dir.toString(), "storage_type", "local"));
		body.putAll(extra);
		HttpResponse<String> written = gateway("POST", "/v1/sys/storage/raft/snapshot-auto/config/" + name, body);
		assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
		return dir;
	}

	private Map<String, Object> status(String name) {
		HttpResponse<String> response = gateway("GET", "/v1/sys/storage/raft/snapshot-auto/status/" + name, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return data(response);
	}

	private Instant nextMinute() {
		return Instant.ofEpochSecond((this.clock.instant().getEpochSecond() / 60 + 1) * 60);
	}

	private static String name(long epochSecond) {
		return "vault-snapshot-" + epochSecond * 1_000_000_000L + ".snap";
	}

	private double counter(String name, String config) {
		return this.meters.find(name).tag("config", config).counter().count();
	}

	private SnapshotScheduler anotherInstance() {
		IdentitySigner signer = new IdentitySigner(IdentityKeyFiles.readPair(KEYS.resolve("snapshot.pem")), this.clock,
				SnapshotAutoPaths.CALLER);
		NodeClient node = new NodeClient(
				new ActiveNodeCalls(List.of(NODE.url()), HttpClient.newHttpClient(), signer, JSON), JSON,
				new NodeClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
		return new SnapshotScheduler(node, new SnapshotRunner(node, this.metrics, this.targets, this.clock),
				this.metrics, this.properties, this.clock);
	}

	private static List<Path> snapshots(Path dir) throws IOException {
		return everyFile(dir).stream().filter((file) -> file.getFileName().toString().endsWith(".snap")).toList();
	}

	private static List<Path> everyFile(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.toList();
		}
	}

}
