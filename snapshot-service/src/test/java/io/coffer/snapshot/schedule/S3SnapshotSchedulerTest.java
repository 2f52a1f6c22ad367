package io.coffer.snapshot.schedule;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.snapshot.support.S3Server;
import io.coffer.snapshot.support.SnapshotServiceTest;
import io.coffer.support.snapshot.SnapshotReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * {@code storage_type=aws-s3} end to end in snapshot-service: the scheduler takes a
 * snapshot from the node, verifies it and uploads it with the real AWS SDK v2 client to
 * an in-process S3-compatible server; what lands there is read back through the SDK and
 * verified again. Retention, and S3 failures (wrong keys, no bucket, endpoint down)
 * reported in the status and the metrics without the secret, the schedule going on.
 */
@ExtendWith(OutputCaptureExtension.class)
class S3SnapshotSchedulerTest extends SnapshotServiceTest {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private static final String BUCKET = "coffer-snapshots";

	private static final String CONFIG = "/v1/sys/storage/raft/snapshot-auto/config/";

	private static S3Client s3;

	@Autowired
	SnapshotScheduler scheduler;

	@Autowired
	MeterRegistry meters;

	@TempDir
	Path downloads;

	@BeforeAll
	static void bucket() {
		s3 = S3Server.client();
		s3.createBucket((request) -> request.bucket(BUCKET));
	}

	@AfterAll
	static void close() {
		s3.close();
	}

	@Test
	void aTickUploadsOneVerifiedSnapshotThatReadsBackThroughTheSdk() throws IOException {
		configure("upload", Map.of());
		this.clock.advance(INTERVAL);
		assertThat(this.scheduler.checkOnce()).isEqualTo(1);

		String key = "coffer/upload/vault-snapshot-" + this.clock.instant().getEpochSecond() * 1_000_000_000L + ".snap";
		Map<String, Object> status = status("upload");
		assertThat(status).containsEntry("consecutive_errors", 0)
			.containsEntry("last_snapshot_error", "")
			.containsEntry("last_snapshot_url", "s3://" + BUCKET + "/" + key)
			.containsEntry("snapshots", List.of("s3://" + BUCKET + "/" + key));
		assertThat(status.get("verification")).asInstanceOf(MAP).containsEntry("ok", true);
		assertThat(keys("coffer/upload/")).containsExactly(key);

		Path downloaded = this.downloads.resolve("downloaded.snap");
		s3.getObject((request) -> request.bucket(BUCKET).key(key), downloaded);
		SnapshotManifest manifest = SnapshotReader.verify(downloaded);
		assertThat(manifest.entryCount()).isEqualTo(40);
		assertThat(manifest.logIndex()).isEqualTo(42);
		assertThat(Files.size(downloaded)).isEqualTo(NODE.archiveSize());
	}

	@Test
	void retentionKeepsExactlyRetainObjects() {
		configure("keep", Map.of("retain", 3));
		for (int tick = 1; tick <= 5; tick++) {
			this.clock.advance(INTERVAL);
			assertThat(this.scheduler.checkOnce()).isEqualTo(1);
		}
		long newest = this.clock.instant().getEpochSecond();
		assertThat(keys("coffer/keep/")).containsExactlyInAnyOrder(key("keep", newest), key("keep", newest - 60),
				key("keep", newest - 120));
		assertThat(status("keep").get("snapshots")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(3)
			.first()
			.isEqualTo("s3://" + BUCKET + "/" + key("keep", newest));
	}

	@Test
	void wrongCredentialsAreReportedWithoutTheSecretAndTheScheduleGoesOn(CapturedOutput output) {
		String wrong = "wrong-secret-Hd7c2Qa9";
		configure("denied", Map.of("aws_secret_access_key", wrong));
		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();

		Map<String, Object> failed = status("denied");
		assertThat(failed).containsEntry("consecutive_errors", 1).containsEntry("last_snapshot_url", "");
		assertThat((String) failed.get("last_snapshot_error")).contains("S3 answered 403");
		assertThat(counter("denied")).isEqualTo(1.0);

		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();
		assertThat(status("denied")).containsEntry("consecutive_errors", 2);
		assertThat(counter("denied")).isEqualTo(2.0);
		assertThat(NODE.snapshotsServed()).isEqualTo(2);
		assertThat(keys("coffer/denied/")).isEmpty();

		assertThat(
				gateway("POST", CONFIG + "denied", Map.of("aws_secret_access_key", S3Server.SECRET_KEY)).statusCode())
			.isEqualTo(204);
		this.clock.advance(INTERVAL);
		this.scheduler.checkOnce();
		assertThat(status("denied")).containsEntry("consecutive_errors", 0).containsEntry("last_snapshot_error", "");
		assertThat(keys("coffer/denied/")).hasSize(1);
		assertThat(output.getAll()).doesNotContain(wrong).doesNotContain(S3Server.SECRET_KEY);
	}

	@Test
	void aMissingBucketOrAnEndpointDownIsAnErrorInStatusAndMetrics() throws IOException {
		configure("nobucket", Map.of("aws_s3_bucket", "no-such-bucket"));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		configure("down", Map.of("aws_s3_endpoint", "http://127.0.0.1:" + closedPort));
		this.clock.advance(INTERVAL);
		assertThat(this.scheduler.checkOnce()).isEqualTo(2);

		Map<String, Object> nobucket = status("nobucket");
		assertThat(nobucket).containsEntry("consecutive_errors", 1);
		assertThat((String) nobucket.get("last_snapshot_error")).contains("no-such-bucket").contains("NoSuchBucket");
		Map<String, Object> down = status("down");
		assertThat(down).containsEntry("consecutive_errors", 1);
		assertThat((String) down.get("last_snapshot_error")).contains("127.0.0.1:" + closedPort);
		assertThat(counter("nobucket")).isEqualTo(1.0);
		assertThat(counter("down")).isEqualTo(1.0);

		this.clock.advance(INTERVAL);
		assertThat(this.scheduler.checkOnce()).as("the next tick runs again").isEqualTo(2);
		assertThat(status("down")).containsEntry("consecutive_errors", 2);
	}

	@Test
	void aReadOmitsTheSecretKeyThatStaysStoredBehindTheBarrier() {
		configure("secret", Map.of("aws_s3_server_side_encryption", true));
		HttpResponse<String> read = gateway("GET", CONFIG + "secret", null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(S3Server.SECRET_KEY).doesNotContain("aws_secret_access_key");
		assertThat(data(read)).containsEntry("storage_type", "aws-s3")
			.containsEntry("aws_s3_bucket", BUCKET)
			.containsEntry("aws_s3_region", S3Server.REGION)
			.containsEntry("aws_s3_endpoint", S3Server.endpoint().toString())
			.containsEntry("aws_s3_force_path_style", true)
			.containsEntry("aws_access_key_id", S3Server.ACCESS_KEY)
			.containsEntry("aws_s3_server_side_encryption", true)
			.doesNotContainKey("local_max_space");
		assertThat(NODE.entry("secret").config()).containsEntry("aws_secret_access_key", S3Server.SECRET_KEY);

		assertThat(gateway("POST", CONFIG + "secret", Map.of("retain", 4)).statusCode()).isEqualTo(204);
		assertThat(NODE.entry("secret").config()).as("an update without the key keeps it")
			.containsEntry("aws_secret_access_key", S3Server.SECRET_KEY)
			.containsEntry("retain", 4);
	}

	private void configure(String name, Map<String, Object> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("interval", "1m", "storage_type", "aws-s3", "path_prefix",
				"/coffer/" + name + "/", "aws_s3_bucket", BUCKET, "aws_s3_region", S3Server.REGION, "aws_s3_endpoint",
				S3Server.endpoint().toString(), "aws_s3_force_path_style", true, "aws_access_key_id",
				S3Server.ACCESS_KEY, "aws_secret_access_key", S3Server.SECRET_KEY));
		body.putAll(extra);
		HttpResponse<String> written = gateway("POST", CONFIG + name, body);
		assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
	}

	private Map<String, Object> status(String name) {
		HttpResponse<String> response = gateway("GET", "/v1/sys/storage/raft/snapshot-auto/status/" + name, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return data(response);
	}

	private static List<String> keys(String prefix) {
		return s3.listObjectsV2((request) -> request.bucket(BUCKET).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	private static String key(String name, long epochSecond) {
		return "coffer/" + name + "/vault-snapshot-" + epochSecond * 1_000_000_000L + ".snap";
	}

	private double counter(String config) {
		Counter counter = this.meters.find("vault.autosnapshots.save.errors").tag("config", config).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
