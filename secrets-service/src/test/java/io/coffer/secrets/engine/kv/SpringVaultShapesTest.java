package io.coffer.secrets.engine.kv;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders responses to JSON and reads them the way Spring Vault's
 * VaultVersionedKeyValueTemplate and VaultKeyValueMetadataTemplate do.
 */
class SpringVaultShapesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KvFixture kv = KvFixture.v2();

	@Test
	void writeResponseParsesAsVersionedMetadata() {
		JsonNode data = envelope(this.kv.call(Operation.UPDATE, "data/app", Map.of("data", Map.of("k", "v"))))
			.get("data");

		assertThat(data.get("version").isInt()).isTrue();
		assertThat(Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(data.get("created_time").asString())))
			.isEqualTo(KvFixture.START);
		assertThat(data.get("deletion_time").asString()).isEmpty();
		assertThat(data.get("destroyed").isBoolean()).isTrue();
	}

	@Test
	void deletedVersion404BodyIsRecognisedAndParsed() {
		this.kv.put("app", Map.of("k", "v"));
		this.kv.call(Operation.DELETE, "data/app");

		String body = JSON.writeValueAsString(render(this.kv.call(Operation.READ, "data/app")));
		JsonNode metadata = JSON.readTree(body).get("data").get("metadata");

		// Spring Vault unwraps a 404 only when its body mentions deletion_time.
		assertThat(body).contains("deletion_time");
		assertThat(JSON.readTree(body).get("data").get("data").isNull()).isTrue();
		assertThat(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(metadata.get("deletion_time").asString())).isNotNull();
		assertThat(metadata.get("version").asInt()).isEqualTo(1);
	}

	@Test
	void metadataResponseParsesLikeVaultKeyValueMetadataTemplate() {
		this.kv.call(Operation.UPDATE, "metadata/app", Map.of("delete_version_after", "3h25m19s", "max_versions", 7));
		this.kv.put("app", Map.of("k", "v"));

		JsonNode data = envelope(this.kv.call(Operation.READ, "metadata/app")).get("data");

		assertThat(Boolean.parseBoolean(data.get("cas_required").asString())).isFalse();
		assertThat(Integer.parseInt(data.get("current_version").asString())).isEqualTo(1);
		assertThat(Integer.parseInt(data.get("max_versions").asString())).isEqualTo(7);
		assertThat(Integer.parseInt(data.get("oldest_version").asString())).isZero();
		// Spring's DurationParser accepts whole units only ("1.5s" is rejected).
		assertThat(data.get("delete_version_after").asString()).matches("(\\d+h)?(\\d+m)?\\d+s");
		DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(data.get("created_time").asString());
		DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(data.get("updated_time").asString());
		JsonNode version = data.get("versions").get("1");
		DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(version.get("created_time").asString());
		assertThat(version.get("deletion_time").asString()).isNotEmpty();
		assertThat(version.get("destroyed").asBoolean()).isFalse();
	}

	@Test
	void listResponseCarriesKeys() {
		this.kv.put("a", Map.of("k", "v"));

		JsonNode data = envelope(this.kv.call(Operation.LIST, "metadata/")).get("data");

		assertThat(data.get("keys").get(0).asString()).isEqualTo("a");
	}

	private static JsonNode envelope(LogicalResponse response) {
		return JSON.readTree(JSON.writeValueAsString(render(response)));
	}

	/** The subset of Vault's envelope a KV response fills. */
	private static Map<String, Object> render(LogicalResponse response) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("request_id", "req-1");
		out.put("lease_id", "");
		out.put("renewable", false);
		out.put("lease_duration", 0);
		out.put("data", response.data());
		out.put("wrap_info", null);
		out.put("warnings", null);
		out.put("auth", null);
		return out;
	}

}
