package io.coffer.secrets.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.coffer.common.audit.AuditDevice;
import io.coffer.secrets.barrier.Hmac;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.TokenEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact lines {@link AuditEntries} writes: Vault's field names and order, empty
 * fields left out, and what each device option hashes.
 */
class AuditEntriesTest {

	private static final byte[] SALT = new byte[32];

	private final AuditEntries entries = new AuditEntries(
			Clock.fixed(Instant.parse("2026-12-07T05:00:00.123456Z"), ZoneOffset.UTC));

	private final TokenEntry token = new TokenEntry("acc-1", List.of("default", "dev"), "auth/token/create", "token-ci",
			1_700_000_000L, 3600, 0, false, Map.of("team", "a"));

	private final MountEntry mount = new MountEntry("secret/", "kv", "", "kv_1234", "uuid-1",
			MountEntry.MountConfig.DEFAULTS, Map.of("version", "2"));

	private final AuditEvent event = new AuditEvent("req-1", "update", "secret/data/app",
			Map.of("data", Map.of("password", "hunter2", "n", 3, "when", "2026-01-02T03:04:05Z")), "hvs.tok",
			this.token, "10.0.0.7", this.mount, 0, null, null);

	@Test
	void aRequestEntryHasVaultsFieldsInVaultsOrderWithValuesHashed() {
		String line = this.entries.request(device(Map.of()), this.event);

		assertThat(line).isEqualTo("{\"time\":\"2026-12-07T05:00:00.123456Z\",\"type\":\"request\",\"auth\":{"
				+ "\"client_token\":\"" + h("hvs.tok") + "\",\"accessor\":\"" + h("acc-1")
				+ "\",\"display_name\":\"token-ci\",\"policies\":[\"default\",\"dev\"],"
				+ "\"token_policies\":[\"default\",\"dev\"],\"metadata\":{\"team\":\"a\"},\"token_type\":\"service\","
				+ "\"token_ttl\":3600,\"token_issue_time\":\"2023-11-14T22:13:20Z\"},\"request\":{\"id\":\"req-1\","
				+ "\"operation\":\"update\",\"mount_point\":\"secret/\",\"mount_type\":\"kv\","
				+ "\"mount_accessor\":\"kv_1234\",\"client_token\":\"" + h("hvs.tok")
				+ "\",\"client_token_accessor\":\"" + h("acc-1")
				+ "\",\"namespace\":{\"id\":\"root\"},\"path\":\"secret/data/app\",\"data\":{\"data\":{"
				+ "\"n\":3,\"password\":\"" + h("hunter2") + "\",\"when\":\"2026-01-02T03:04:05Z\"}},"
				+ "\"remote_address\":\"10.0.0.7\"}}");
	}

	@Test
	void aResponseEntryRecordsWhatTheClientGotAndTheError() {
		AuditEvent failed = this.event
			.withResponse(new AuditedResponse(Map.of("keys", List.of("a", "b")), List.of("careful"), "", null, null))
			.withError("permission denied");
		String line = this.entries.response(device(Map.of("hmac_accessor", "false")), failed);

		assertThat(line).startsWith("{\"time\":\"2026-12-07T05:00:00.123456Z\",\"type\":\"response\",\"auth\":{")
			.contains("\"accessor\":\"acc-1\"")
			.contains("\"response\":{\"mount_point\":\"secret/\",\"mount_type\":\"kv\",\"mount_accessor\":\"kv_1234\","
					+ "\"data\":{\"keys\":[\"" + h("a") + "\",\"" + h("b") + "\"]},\"warnings\":[\"careful\"]}")
			.endsWith(",\"error\":\"permission denied\"}");
	}

	@Test
	void aBatchTokensRequestIsAuditedAsBatchWithoutAccessor() {
		TokenEntry batch = new TokenEntry("", List.of("default"), "auth/token/create", "token", 1_700_000_000L, 600, 0,
				true, Map.of(), "", 1_700_000_600L, 0, 0, 0, 600, false, "", List.of(), true);
		AuditEvent event = new AuditEvent("req-3", "read", "secret/data/app", Map.of(), "hvb.tok", batch, null,
				this.mount, 0, null, null);
		String line = this.entries.request(device(Map.of()), event);

		assertThat(line).contains("\"token_type\":\"batch\"")
			.contains("\"client_token\":\"" + h("hvb.tok") + "\"")
			.doesNotContain("\"accessor\"")
			.doesNotContain("client_token_accessor");
	}

	@Test
	void logRawHashesNothingAndElisionCountsListKeys() {
		AuditEvent listed = new AuditEvent("req-2", "list", "secret/metadata/", Map.of(), "hvs.tok", this.token, null,
				this.mount, 0, new AuditedResponse(Map.of("keys", List.of("a", "b", "c")), List.of(), "", null, null),
				null);
		String line = this.entries.response(device(Map.of("log_raw", "true", "elide_list_responses", "true")), listed);

		assertThat(line).contains("\"client_token\":\"hvs.tok\"")
			.contains("\"accessor\":\"acc-1\"")
			.contains("\"data\":{\"keys\":3}")
			.doesNotContain("hmac-sha256:");
	}

	private static EnabledDevice device(Map<String, String> options) {
		return new EnabledDevice(new AuditDevice("file/", "file", "", options, false), SALT);
	}

	private static String h(String value) {
		return "hmac-sha256:" + Hmac.sha256Hex(SALT, value);
	}

}
