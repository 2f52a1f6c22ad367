package io.coffer.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Automated snapshots end to end on the shared suite: a Vault client configures
 * {@code sys/storage/raft/snapshot-auto} through the gateway (which authorizes on the
 * active node and forwards to snapshot-service), snapshot-service takes the snapshots
 * from the active node on schedule, verifies them, keeps {@code retain}, and reports it
 * in the status. The suite runs snapshot-service with a one-second minimum interval.
 */
class SnapshotAutoIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final String CONFIG = "sys/storage/raft/snapshot-auto/config/";

	@TempDir
	Path dir;

	@Test
	void aScheduleWritesVerifiedSnapshotsOfTheClusterAndKeepsRetain() throws IOException {
		VaultHttp http = coffer.cluster().http();
		String root = coffer.cluster().rootToken();
		http.post("secret/data/snapshot-auto-it", Map.of("data", Map.of("k", "v")), root).requireSuccess();
		VaultReply bad = http.post(CONFIG + "it-bad",
				Map.of("interval", "2s", "path_prefix", this.dir.toString(), "storage_type", "ftp"), root);
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("storage_type");
		try {
			http.post(CONFIG + "it", Map.of("interval", "2s", "retain", 2, "path_prefix", this.dir.toString(),
					"storage_type", "local", "file_prefix", "it"), root)
				.requireSuccess();
			assertThat(http.get(CONFIG + "it", root).requireSuccess().json().path("data").path("interval").asLong())
				.isEqualTo(2);

			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> files().size() == 2
						&& status(http, root).path("last_snapshot_url").asString().endsWith(".snap"));

			JsonNode status = status(http, root);
			assertThat(status.path("last_snapshot_error").asString()).isEmpty();
			assertThat(status.path("consecutive_errors").asInt()).isZero();
			JsonNode verification = status.path("verification");
			assertThat(verification.path("ok").asBoolean()).isTrue();
			assertThat(verification.path("entry_count").asLong()).isPositive();
			assertThat(verification.path("cluster_id").asString())
				.isEqualTo(http.get("sys/health").json().path("cluster_id").asString());
			assertThat(Path.of(status.path("last_snapshot_url").asString()).getParent()).isEqualTo(this.dir);
			assertThat(http.get("sys/storage/raft/snapshot-auto/status/it", null).status()).isEqualTo(403);
		}
		finally {
			http.delete(CONFIG + "it", root);
		}
		assertThat(http.get(CONFIG + "it", root).status()).isEqualTo(404);
		// retention may still remove the oldest while a last run ends; the newest stays
		List<Path> kept = files();
		assertThat(kept).hasSizeBetween(1, 2);
		intactGzip(kept.stream().max(Path::compareTo).orElseThrow());
	}

	private static JsonNode status(VaultHttp http, String root) {
		return http.get("sys/storage/raft/snapshot-auto/status/it", root).requireSuccess().json().path("data");
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.filter((file) -> file.getFileName().toString().matches("it-\\d+\\.snap")).toList();
		}
	}

	/** The whole file reads as gzip, its CRC-32 and length trailer included. */
	private static void intactGzip(Path file) {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new AssertionError(file + " is not intact gzip", ex);
		}
	}

}
