package io.coffer.snapshot.api;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.coffer.snapshot.support.SnapshotServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sys/storage/raft/snapshot-auto/config} as a Vault client sees it through the
 * gateway: Vault's fields and defaults, update semantics, LIST, delete, and a 400 naming
 * the field for bad input, with nothing stored.
 */
class SnapshotAutoConfigApiTest extends SnapshotServiceTest {

	private static final String CONFIG = "/v1/sys/storage/raft/snapshot-auto/config";

	@Test
	void aConfigIsWrittenWithVaultsDefaultsReadListedUpdatedAndDeleted() {
		Map<String, Object> write = Map.of("interval", "1h", "path_prefix", "/backups/coffer", "storage_type", "local");
		assertThat(this.gateway("POST", CONFIG + "/daily", write).statusCode()).isEqualTo(204);

		HttpResponse<String> read = gateway("GET", CONFIG + "/daily", null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(data(read)).containsEntry("interval", 3600)
			.containsEntry("retain", 1)
			.containsEntry("file_prefix", "vault-snapshot")
			.containsEntry("path_prefix", "/backups/coffer")
			.containsEntry("storage_type", "local")
			.containsEntry("local_max_space", 0);

		assertThat(gateway("PUT", CONFIG + "/daily", Map.of("retain", 7)).statusCode()).isEqualTo(204);
		assertThat(data(gateway("GET", CONFIG + "/daily", null))).containsEntry("retain", 7)
			.containsEntry("interval", 3600);
		assertThat(gateway("PUT", CONFIG + "/hourly", Map.of("interval", 3600, "path_prefix", "/b", "storage_type",
				"local", "file_prefix", "hourly", "local_max_space", 1048576))
			.statusCode()).isEqualTo(204);
		HttpResponse<String> list = gateway("LIST", CONFIG, null);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(data(list)).containsEntry("keys", List.of("daily", "hourly"));
		assertThat(data(gateway("GET", CONFIG + "?list=true", null))).containsEntry("keys", List.of("daily", "hourly"));

		assertThat(gateway("DELETE", CONFIG + "/daily", null).statusCode()).isEqualTo(204);
		assertThat(gateway("GET", CONFIG + "/daily", null).statusCode()).isEqualTo(404);
		assertThat(data(gateway("LIST", CONFIG, null))).containsEntry("keys", List.of("hourly"));
	}

	@Test
	void badInputIsA400NamingTheFieldAndStoresNothing() {
		Map<String, Object> good = Map.of("interval", "24h", "path_prefix", "/backups", "storage_type", "local");
		assertRefused(without(good, "interval"), "interval");
		assertRefused(with(good, "interval", "30s"), "interval");
		assertRefused(with(good, "interval", "soon"), "interval");
		assertRefused(without(good, "path_prefix"), "path_prefix");
		assertRefused(without(good, "storage_type"), "storage_type");
		assertRefused(with(good, "storage_type", "ftp"), "unsupported storage_type");
		assertRefused(with(good, "storage_type", "google-gcs"), "unsupported storage_type");
		assertRefused(with(good, "aws_s3_bucket", "b"), "aws_s3_bucket");
		assertRefused(with(good, "aws_secret_access_key", "s"), "aws_secret_access_key");
		assertRefused(with(good, "retain", 0), "retain");
		assertRefused(with(good, "local_max_space", -1), "local_max_space");
		assertRefused(with(good, "file_prefix", "../escape"), "file_prefix");

		assertThat(gateway("LIST", CONFIG, null).statusCode()).isEqualTo(404);
		assertThat(gateway("POST", CONFIG + "/bad%20name", good).statusCode()).isEqualTo(400);
	}

	@Test
	void badAwsS3InputIsA400NamingTheFieldAndNeverQuotesTheSecret() {
		Map<String, Object> good = Map.of("interval", "24h", "path_prefix", "snapshots", "storage_type", "aws-s3",
				"aws_s3_bucket", "backups", "aws_access_key_id", "AKIDEXAMPLE", "aws_secret_access_key",
				"secret-Jf83hdQ0");
		assertRefused(without(good, "aws_s3_bucket"), "aws_s3_bucket");
		assertRefused(with(good, "aws_s3_bucket", "bad/bucket"), "aws_s3_bucket");
		assertRefused(without(good, "aws_secret_access_key"), "aws_secret_access_key");
		assertRefused(without(good, "aws_access_key_id"), "aws_access_key_id");
		assertRefused(with(good, "aws_s3_region", "Not A Region"), "aws_s3_region");
		assertRefused(with(good, "aws_s3_endpoint", "ftp://host"), "aws_s3_endpoint");
		assertRefused(with(good, "aws_s3_force_path_style", "sometimes"), "aws_s3_force_path_style");
		assertRefused(with(good, "aws_s3_disable_tls", true), "aws_s3_disable_tls");
		assertRefused(with(good, "local_max_space", 1024), "local_max_space");
		assertRefused(with(with(good, "aws_s3_server_side_encryption", true), "aws_s3_enable_kms", true),
				"aws_s3_enable_kms");
		assertRefused(with(good, "aws_s3_kms_key", "alias/backups"), "aws_s3_kms_key");
		assertRefused(without(good, "path_prefix"), "path_prefix");
		HttpResponse<String> refused = gateway("POST", CONFIG + "/bad", with(good, "aws_s3_region", "Not A Region"));
		assertThat(refused.body()).doesNotContain("secret-Jf83hdQ0");

		assertThat(gateway("POST", CONFIG + "/s3", good).statusCode()).isEqualTo(204);
		assertThat(gateway("POST", CONFIG + "/s3", Map.of("local_max_space", 5)).statusCode())
			.as("a local-only field on an aws-s3 config")
			.isEqualTo(400);
		assertThat(gateway("POST", CONFIG + "/s3", Map.of("storage_type", "local", "path_prefix", "/backups"))
			.statusCode()).as("switching type drops the aws fields").isEqualTo(204);
		assertThat(data(gateway("GET", CONFIG + "/s3", null))).containsEntry("storage_type", "local")
			.doesNotContainKey("aws_s3_bucket")
			.doesNotContainKey("aws_access_key_id");
		assertThat(NODE.entry("s3").config()).doesNotContainKey("aws_secret_access_key");
	}

	@Test
	void statusOfAnUnknownConfigIs404AndOtherPathsAreUnsupported() {
		assertThat(gateway("GET", "/v1/sys/storage/raft/snapshot-auto/status/nope", null).statusCode()).isEqualTo(404);
		HttpResponse<String> other = gateway("GET", "/v1/sys/storage/raft/snapshot-auto/other", null);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(json(other)).containsEntry("errors", List.of("unsupported path"));
	}

	private void assertRefused(Map<String, Object> body, String field) {
		HttpResponse<String> response = gateway("POST", CONFIG + "/bad", body);
		assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
		assertThat(response.body()).contains(field);
		assertThat(NODE.entry("bad")).isNull();
	}

	private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
		Map<String, Object> out = new HashMap<>(base);
		out.put(field, value);
		return out;
	}

	private static Map<String, Object> without(Map<String, Object> base, String field) {
		Map<String, Object> out = new HashMap<>(base);
		out.remove(field);
		return out;
	}

}
