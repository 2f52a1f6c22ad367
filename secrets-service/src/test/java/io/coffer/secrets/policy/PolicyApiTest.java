package io.coffer.secrets.policy;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.http.NodeClient;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy and capabilities endpoints over real HTTP on an unsealed node. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyApiTest {

	private static final String HCL = "path \"secret/data/app/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n";

	private static final String SPRING_VAULT_JSON = "{\"path\":{\"secret/*\":{\"capabilities\":[\"read\"]}}}";

	@LocalServerPort
	int port;

	NodeClient client;

	@BeforeAll
	@SuppressWarnings("unchecked")
	void initAndUnseal() {
		this.client = new NodeClient("http://127.0.0.1:" + this.port);
		NodeClient.Response init = this.client.call("PUT", "sys/init",
				Map.of("secret_shares", 1, "secret_threshold", 1));
		String key = ((List<String>) init.json().get("keys")).get(0);
		assertThat(this.client.call("PUT", "sys/unseal", Map.of("key", key)).json()).containsEntry("sealed", false);
		this.client.awaitActive();
		this.client.token((String) init.json().get("root_token"));
	}

	@Test
	void legacyPolicyPathsRoundTripWithTopLevelCopies() {
		NodeClient.Response put = this.client.call("PUT", "sys/policy/App", Map.of("policy", HCL));
		assertThat(put.status()).isEqualTo(204);
		NodeClient.Response read = this.client.call("GET", "sys/policy/app", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.data()).isEqualTo(Map.of("name", "app", "rules", HCL));
		assertThat(read.json()).containsEntry("rules", HCL).containsEntry("name", "app");
		NodeClient.Response list = this.client.call("GET", "sys/policy", null);
		assertThat(list.data().get("policies")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("app", "default", "root");
		assertThat(list.json()).containsKeys("keys", "policies");
		assertThat(this.client.call("LIST", "sys/policy", null).data()).containsKey("keys");
	}

	@Test
	void springVaultWritesJsonRulesAndReadsThemBackUnchanged() {
		NodeClient.Response put = this.client.call("POST", "sys/policy/spring", Map.of("rules", SPRING_VAULT_JSON));
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json()).containsEntry("warnings", List.of("'rules' is deprecated, please use 'policy' instead"));
		assertThat(this.client.call("GET", "sys/policy/spring", null).data()).containsEntry("rules", SPRING_VAULT_JSON);
	}

	@Test
	void newPolicyPathsListReadWriteAndDelete() {
		assertThat(this.client.call("POST", "sys/policies/acl/ops", Map.of("policy", HCL)).status()).isEqualTo(204);
		assertThat(this.client.call("GET", "sys/policies/acl/ops", null).data())
			.isEqualTo(Map.of("name", "ops", "policy", HCL));
		assertThat(this.client.call("GET", "sys/policies/acl?list=true", null).data().get("keys"))
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains("ops", "default", "root");
		assertThat(this.client.call("DELETE", "sys/policies/acl/ops", null).status()).isEqualTo(204);
		assertThat(this.client.call("GET", "sys/policies/acl/ops", null).status()).isEqualTo(404);
	}

	@Test
	void builtInPoliciesRefuseChangesWithVaultsMessages() {
		NodeClient.Response root = this.client.call("PUT", "sys/policy/root", Map.of("policy", HCL));
		assertThat(root.status()).isEqualTo(400);
		assertThat(root.json()).isEqualTo(Map.of("errors", List.of("cannot update \"root\" policy")));
		assertThat(this.client.call("DELETE", "sys/policy/root", null).json())
			.isEqualTo(Map.of("errors", List.of("cannot delete \"root\" policy")));
		assertThat(this.client.call("DELETE", "sys/policies/acl/default", null).json())
			.isEqualTo(Map.of("errors", List.of("cannot delete \"default\" policy")));
		assertThat((String) this.client.call("GET", "sys/policy/default", null).data().get("rules"))
			.contains("auth/token/lookup-self");
	}

	@Test
	void malformedPoliciesAre400NamingTheLine() {
		NodeClient.Response bad = this.client.call("PUT", "sys/policies/acl/bad",
				Map.of("policy", "path \"a\" {\n  capabilities = [\"read\"\n}\n"));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("failed to parse policy: line 3");
		assertThat(this.client
			.call("PUT", "sys/policies/acl/bad", Map.of("policy", "path \"a\" { capabilities = [\"fly\"] }"))
			.body()).contains("invalid capability \\\"fly\\\"");
	}

	@Test
	void capabilitiesOfTheRootTokenAreRoot() {
		NodeClient.Response self = this.client.call("POST", "sys/capabilities-self", Map.of("paths", List.of("x/y")));
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.data()).containsEntry("x/y", List.of("root")).containsEntry("capabilities", List.of("root"));
		assertThat(self.json()).containsEntry("capabilities", List.of("root"));
		NodeClient.Response unknown = this.client.call("POST", "sys/capabilities",
				Map.of("token", "hvs.nobody", "path", "x"));
		assertThat(unknown.json()).isEqualTo(Map.of("errors", List.of("invalid token")));
		assertThat(this.client.call("GET", "sys/capabilities-self", null).status()).isEqualTo(405);
	}

	@Test
	void aSudoPathNeedsSudoBesidesTheOperationsCapability() {
		this.client.call("PUT", "sys/policies/acl/auth-admin",
				Map.of("policy", "path \"sys/auth/*\" { capabilities = [\"create\", \"update\"] }"));
		this.client.call("PUT", "sys/policies/acl/auth-sudo",
				Map.of("policy", "path \"sys/auth/*\" { capabilities = [\"create\", \"update\", \"sudo\"] }"));
		NodeClient withoutSudo = new NodeClient(this.client.base()).token(token("auth-admin"));
		NodeClient withSudo = new NodeClient(this.client.base()).token(token("auth-sudo"));
		assertThat(withoutSudo.call("POST", "sys/auth/up-a", Map.of("type", "userpass")).status()).isEqualTo(403);
		assertThat(withSudo.call("POST", "sys/auth/up-a", Map.of("type", "userpass")).status()).isEqualTo(204);
	}

	@SuppressWarnings("unchecked")
	private String token(String policy) {
		NodeClient.Response created = this.client.call("POST", "auth/token/create",
				Map.of("policies", List.of(policy)));
		return (String) ((Map<String, Object>) created.json().get("auth")).get("client_token");
	}

}
