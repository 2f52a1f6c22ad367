package io.coffer.secrets.mount;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.http.NodeClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vault's mount settings that Terraform writes and reads back (issue 14 item 6): kept on
 * enable and tune and reported as written, so a plan shows no permanent diff; and
 * {@code listing_visibility=unauth} in the public mount listing.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coffer.auth.userpass.bcrypt-cost=4")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountSettingsApiTest {

	@LocalServerPort
	int port;

	NodeClient root;

	@BeforeAll
	void unsealed() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
	}

	@Test
	void settingsGivenOnEnableAreReadBackAndATuneChangesOnlyWhatItNames() {
		assertThat(this.root.call("POST", "sys/mounts/team",
				Map.of("type", "kv", "local", true, "seal_wrap", true, "config",
						Map.of("listing_visibility", "unauth", "passthrough_request_headers", List.of("X-Team"),
								"allowed_response_headers", "X-Trace, X-Other", "audit_non_hmac_request_keys",
								List.of("username"), "audit_non_hmac_response_keys", List.of("ttl"))))
			.status()).isEqualTo(204);

		Map<String, Object> mount = this.root.call("GET", "sys/mounts/team", null).data();
		assertThat(mount).containsEntry("local", true).containsEntry("seal_wrap", true);
		assertThat(config(mount)).containsEntry("listing_visibility", "unauth")
			.containsEntry("passthrough_request_headers", List.of("X-Team"))
			.containsEntry("allowed_response_headers", List.of("X-Trace", "X-Other"))
			.containsEntry("audit_non_hmac_request_keys", List.of("username"))
			.containsEntry("audit_non_hmac_response_keys", List.of("ttl"));

		assertThat(this.root.call("POST", "sys/mounts/team/tune", Map.of("listing_visibility", "hidden")).status())
			.isEqualTo(204);
		Map<String, Object> tuned = this.root.call("GET", "sys/mounts/team/tune", null).data();
		assertThat(tuned).containsEntry("listing_visibility", "hidden")
			.containsEntry("passthrough_request_headers", List.of("X-Team"))
			.containsEntry("audit_non_hmac_request_keys", List.of("username"));
		Map<String, Object> listed = mountIn(this.root.call("GET", "sys/mounts", null).data(), "team/");
		assertThat(listed).containsEntry("local", true);
		assertThat(config(listed)).containsEntry("listing_visibility", "hidden");
	}

	@Test
	void badSettingsAre400AndChangeNothing() {
		assertThat(this.root.call("POST", "sys/mounts/strict", Map.of("type", "kv")).status()).isEqualTo(204);

		NodeClient.Response visibility = this.root.call("POST", "sys/mounts/strict/tune",
				Map.of("listing_visibility", "everyone", "passthrough_request_headers", List.of("X-A")));
		assertThat(visibility.status()).isEqualTo(400);
		assertThat(visibility.body()).contains("invalid listing_visibility everyone");
		assertThat(this.root.call("POST", "sys/mounts/strict/tune", Map.of("audit_non_hmac_request_keys", 7)).body())
			.contains("audit_non_hmac_request_keys must be a list of strings");
		assertThat(this.root.call("POST", "sys/mounts/strict/tune", Map.of("token_type", "batch")).status())
			.isEqualTo(400);
		assertThat(this.root.call("POST", "sys/mounts/other", Map.of("type", "kv", "local", "sometimes")).status())
			.isEqualTo(400);

		assertThat(config(this.root.call("GET", "sys/mounts/strict", null).data()))
			.doesNotContainKeys("listing_visibility", "passthrough_request_headers", "audit_non_hmac_request_keys");
		assertThat(this.root.call("GET", "sys/mounts/other", null).status()).isEqualTo(400);
	}

	@Test
	void withoutATokenTheUiListingShowsOnlyMountsTunedUnauth() {
		assertThat(this.root
			.call("POST", "sys/mounts/public-kv",
					Map.of("type", "kv", "config", Map.of("listing_visibility", "unauth")))
			.status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/mounts/private-kv", Map.of("type", "kv")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/auth/people", Map.of("type", "userpass")).status()).isEqualTo(204);
		assertThat(this.root.call("POST", "sys/auth/people/tune", Map.of("listing_visibility", "unauth")).status())
			.isEqualTo(204);

		NodeClient anonymous = new NodeClient(this.root.base());
		NodeClient.Response listing = anonymous.call("GET", "sys/internal/ui/mounts", null);

		assertThat(listing.status()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> secret = (Map<String, Object>) listing.data().get("secret");
		@SuppressWarnings("unchecked")
		Map<String, Object> auth = (Map<String, Object>) listing.data().get("auth");
		assertThat(secret).containsOnlyKeys("public-kv/");
		assertThat(auth).containsOnlyKeys("people/");
		// one mount's preflight still needs a token
		assertThat(anonymous.call("GET", "sys/internal/ui/mounts/public-kv/x", null).status()).isEqualTo(403);
		assertThat(this.root.call("GET", "sys/internal/ui/mounts", null).data().get("secret").toString())
			.contains("private-kv/");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> config(Map<String, Object> mount) {
		return (Map<String, Object>) mount.get("config");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> mountIn(Map<String, Object> mounts, String path) {
		return (Map<String, Object>) mounts.get(path);
	}

}
