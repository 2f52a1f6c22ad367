package io.coffer.e2e;

import java.util.List;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.SourceBoundHttp;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CIDR-bound credentials through the real gateway, with clients at two loopback source
 * addresses (127.0.0.2 and 127.0.0.3) and a proxy the gateway trusts (127.0.0.4, Vault's
 * {@code x_forwarded_for_authorized_addrs}). Nodes see only the gateway's connections, so
 * these checks hold only if the gateway's signed identity carries each client's own
 * address, and a client's {@code X-Forwarded-For} counts only from the trusted proxy.
 */
@Order(Integer.MAX_VALUE - 3)
class ClientAddressIT {

	private static final String PROXY = "127.0.0.4";

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.perClass(1,
			(options) -> options.withGatewayArguments(
					"--coffer.gateway.x-forwarded-for.authorized-addrs=" + PROXY + "/32",
					// the harness itself talks to the gateway directly, without the
					// header
					"--coffer.gateway.x-forwarded-for.reject-not-present=false",
					"--coffer.gateway.x-forwarded-for.reject-not-authorized=false"));

	private static VaultHttp root;

	private static String rootToken;

	private static SourceBoundHttp two;

	private static SourceBoundHttp three;

	private static SourceBoundHttp proxy;

	@BeforeAll
	static void setUp() {
		root = coffer.cluster().http();
		rootToken = coffer.cluster().rootToken();
		two = new SourceBoundHttp("127.0.0.2", coffer.cluster().gatewayUri());
		three = new SourceBoundHttp("127.0.0.3", coffer.cluster().gatewayUri());
		proxy = new SourceBoundHttp(PROXY, coffer.cluster().gatewayUri());
		ok(root.post("sys/auth/approle", Map.of("type", "approle"), rootToken));
		ok(root.put("sys/policy/cidr-it",
				Map.of("policy", "path \"secret/data/cidr-it/*\" { capabilities = [\"read\"] }"), rootToken));
		ok(root.post("secret/data/cidr-it/app", Map.of("data", Map.of("k", "v")), rootToken));
		ok(root.post("auth/approle/role/bound",
				Map.of("secret_id_bound_cidrs", "127.0.0.2/32", "token_policies", "cidr-it", "secret_id_num_uses", 1),
				rootToken));
		ok(root.post("auth/token/roles/bound",
				Map.of("token_bound_cidrs", "127.0.0.2/32", "allowed_policies", "cidr-it"), rootToken));
	}

	@Test
	void aSecretIdBoundToOneAddressLogsInOnlyFromThereAndARefusalSpendsNoUse() {
		String roleId = roleId();
		String secretId = secretId();

		VaultReply fromThree = three.post("auth/approle/login", login(roleId, secretId), null);
		VaultReply spoofed = three.send("POST", "auth/approle/login", login(roleId, secretId), null,
				Map.of("X-Forwarded-For", "127.0.0.2"));
		VaultReply fromTwo = two.post("auth/approle/login", login(roleId, secretId), null);
		VaultReply replayed = two.post("auth/approle/login", login(roleId, secretId), null);

		assertThat(fromThree.status()).isEqualTo(400);
		assertThat(fromThree.body()).contains("CIDR restrictions on the role");
		assertThat(spoofed.status()).as("X-Forwarded-For from an untrusted client").isEqualTo(400);
		// secret_id_num_uses is 1: the refused attempts spent nothing, the login spends
		// it.
		assertThat(fromTwo.status()).isEqualTo(200);
		assertThat(fromTwo.json().at("/auth/client_token").asString()).startsWith("hvs.");
		assertThat(replayed.status()).isEqualTo(400);
		assertThat(replayed.json().at("/errors/0").asString()).isEqualTo("invalid role or secret ID");
	}

	@Test
	void aTokenWithBoundCidrsIsRefusedFromAnyOtherAddress() {
		String token = boundToken();

		VaultReply fromTwo = two.get("secret/data/cidr-it/app", token);
		VaultReply fromThree = three.get("secret/data/cidr-it/app", token);
		VaultReply spoofed = three.send("GET", "secret/data/cidr-it/app", null, token,
				Map.of("X-Forwarded-For", "127.0.0.2", "X-Real-IP", "127.0.0.2", "Forwarded", "for=127.0.0.2"));
		VaultReply selfFromThree = three.get("auth/token/lookup-self", token);

		assertThat(fromTwo.status()).isEqualTo(200);
		assertThat(fromTwo.json().at("/data/data/k").asString()).isEqualTo("v");
		assertThat(fromThree.status()).isEqualTo(403);
		assertThat(fromThree.json().at("/errors/0").asString()).isEqualTo("permission denied");
		assertThat(spoofed.status()).isEqualTo(403);
		assertThat(selfFromThree.status()).isEqualTo(403);
		assertThat(two.get("auth/token/lookup-self", token).json().at("/data/bound_cidrs/0").asString())
			.isEqualTo("127.0.0.2/32");
	}

	@Test
	void aTrustedProxysForwardedAddressIsTheClientAddress() {
		String token = boundToken();

		VaultReply forTwo = proxy.send("GET", "secret/data/cidr-it/app", null, token,
				Map.of("X-Forwarded-For", "127.0.0.2"));
		VaultReply forThree = proxy.send("GET", "secret/data/cidr-it/app", null, token,
				Map.of("X-Forwarded-For", "127.0.0.2, 127.0.0.3"));
		VaultReply forNobody = proxy.get("secret/data/cidr-it/app", token);
		VaultReply login = proxy.send("POST", "auth/approle/login", login(roleId(), secretId()), null,
				Map.of("X-Forwarded-For", "127.0.0.2"));

		assertThat(forTwo.status()).isEqualTo(200);
		// The right-most entry is the address the proxy saw.
		assertThat(forThree.status()).isEqualTo(403);
		// Without the header the proxy's own address counts.
		assertThat(forNobody.status()).isEqualTo(403);
		assertThat(login.status()).isEqualTo(200);
	}

	private static String roleId() {
		return ok(root.get("auth/approle/role/bound/role-id", rootToken)).json().at("/data/role_id").asString();
	}

	private static String secretId() {
		return ok(root.post("auth/approle/role/bound/secret-id", Map.of(), rootToken)).json()
			.at("/data/secret_id")
			.asString();
	}

	private static String boundToken() {
		return ok(root.post("auth/token/create/bound", Map.of("ttl", "1h"), rootToken)).json()
			.at("/auth/client_token")
			.asString();
	}

	private static Map<String, Object> login(String roleId, String secretId) {
		return Map.of("role_id", roleId, "secret_id", secretId);
	}

	private static VaultReply ok(VaultReply reply) {
		assertThat(reply.status()).as("status of a setup call").isIn(List.of(200, 204));
		return reply;
	}

}
