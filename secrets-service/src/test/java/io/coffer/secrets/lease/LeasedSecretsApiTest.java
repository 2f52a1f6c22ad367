package io.coffer.secrets.lease;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.lease.LeasePaths;
import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.http.InMemoryNodeConfiguration;
import io.coffer.secrets.http.NodeClient;
import io.coffer.secrets.identity.TestIdentities;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node's side of leases over real HTTP, with lease-service stood in for
 * ({@link LeaseServiceStub}) and a test engine issuing dynamic secrets
 * ({@link TestLeaseEngines}) mounted at {@code leasetest/} with a 1 h maximum lease TTL.
 * lease-service's first URL is a closed port, so every call also shows the node moving on
 * to the next URL. The node signs as {@code secrets} with the TEST gateway key; the
 * stand-in lease-service signs as {@code lease} with the TEST "other" key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "coffer.identity.callers.lease.keys=src/test/resources/identity/test-only-other-key.pub.pem",
				"coffer.identity.signing-key=src/test/resources/identity/test-only-gateway-key.pem" })
@Import({ InMemoryNodeConfiguration.class, LeasedSecretsApiTest.Engines.class })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeasedSecretsApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path IDENTITY = Path.of("src/test/resources/identity");

	private static final LeaseServiceStub LEASE_SERVICE = LeaseServiceStub.start();

	private static final IdentitySigner LEASE_SIGNER = new IdentitySigner(
			IdentityKeyFiles.readPair(IDENTITY.resolve("test-only-other-key.pem")), Clock.systemUTC(), "lease");

	@LocalServerPort
	int port;

	@Autowired
	TestLeaseEngines engine;

	@Autowired
	FakeHaCluster ha;

	NodeClient root;

	String mountAccessor;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void leaseService(DynamicPropertyRegistry registry) {
		registry.add("coffer.lease.urls", () -> "http://127.0.0.1:" + closedPort() + "," + LEASE_SERVICE.url());
	}

	@BeforeAll
	void mounted() {
		this.root = NodeClient.unsealedRoot("http://127.0.0.1:" + this.port);
		assertThat(this.root.call("POST", "sys/mounts/leasetest", Map.of("type", TestLeaseEngines.TYPE)).status())
			.isEqualTo(204);
		assertThat(this.root.call("POST", "sys/mounts/leasetest/tune", Map.of("max_lease_ttl", "1h")).status())
			.isEqualTo(204);
		this.root.call("PUT", "sys/policies/acl/token-creator",
				Map.of("policy", "path \"auth/token/create\" { capabilities = [\"update\"] }"));
		this.mountAccessor = (String) ((Map<?, ?>) this.root.call("GET", "sys/mounts", null).data().get("leasetest/"))
			.get("accessor");
	}

	@BeforeEach
	void defaultAnswers() {
		LEASE_SERVICE.reset();
	}

	@AfterEach
	void active() {
		this.ha.joinElection();
	}

	@AfterAll
	void stopped() {
		LEASE_SERVICE.close();
	}

	@Test
	void aDynamicSecretIsRegisteredBeforeTheClientSeesItWithItsTtlCappedByTheMount() throws Exception {
		NodeClient.Response response = this.root.call("GET", "leasetest/creds/ro", null);

		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> body = response.json();
		String leaseId = (String) body.get("lease_id");
		assertThat(leaseId).matches("leasetest/creds/ro/[0-9A-Za-z]{24}");
		assertThat(body).containsEntry("lease_duration", 3600).containsEntry("renewable", true);
		assertThat(response.data()).containsEntry("username", this.engine.lastUser());

		List<LeaseServiceStub.Call> calls = LEASE_SERVICE.calls(LeasePaths.REGISTER);
		assertThat(calls).hasSize(1);
		Map<String, Object> registration = calls.get(0).body();
		assertThat(registration).containsEntry("leaseId", leaseId)
			.containsEntry("mountPath", "leasetest/")
			.containsEntry("mountAccessor", this.mountAccessor)
			.containsEntry("role", "ro")
			.containsEntry("tokenAccessor", rootAccessor())
			.containsEntry("ttlSeconds", 3600)
			.containsEntry("maxTtlSeconds", 3600)
			.containsEntry("renewable", true);
		byte[] sealed = Base64.getDecoder().decode((String) registration.get("revocationData"));
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(this.engine.lastUser());

		SignedJWT identity = SignedJWT.parse(calls.get(0).identity());
		assertThat(identity.verify(
				new ECDSAVerifier(IdentityKeyFiles.readPublicKey(IDENTITY.resolve("test-only-gateway-key.pub.pem")))))
			.isTrue();
		assertThat(identity.getJWTClaimsSet().getIssuer()).isEqualTo(InternalIdentity.issuer("secrets"));
		assertThat(identity.getJWTClaimsSet().getAudience()).containsExactly(LeasePaths.AUDIENCE);
		assertThat(this.engine.wasRevoked(this.engine.lastUser())).isFalse();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aBatchTokensLeaseBelongsToItsParentAndNeverOutlivesTheToken() {
		this.root.call("PUT", "sys/policies/acl/creds-reader",
				Map.of("policy", "path \"leasetest/creds/*\" { capabilities = [\"read\"] }\n"
						+ "path \"auth/token/create*\" { capabilities = [\"update\"] }"));
		Map<String, Object> parent = token(this.root, "1h", "creds-reader");
		NodeClient parentClient = new NodeClient(this.root.base()).token((String) parent.get("client_token"));
		Map<String, Object> child = (Map<String, Object>) parentClient
			.call("POST", "auth/token/create", Map.of("type", "batch", "ttl", "10m"))
			.json()
			.get("auth");
		Map<String, Object> orphan = (Map<String, Object>) parentClient
			.call("POST", "auth/token/create-orphan", Map.of("type", "batch", "ttl", "10m"))
			.json()
			.get("auth");

		Map<String, Object> childLease = batchLease((String) child.get("client_token"));
		assertThat(childLease).containsEntry("tokenAccessor", parent.get("accessor"));
		assertThat((Integer) childLease.get("ttlSeconds")).isPositive().isLessThanOrEqualTo(600);
		assertThat((Integer) childLease.get("maxTtlSeconds")).isPositive().isLessThanOrEqualTo(600);
		Map<String, Object> orphanLease = batchLease((String) orphan.get("client_token"));
		assertThat(orphanLease).containsEntry("tokenAccessor", "");
		assertThat((Integer) orphanLease.get("maxTtlSeconds")).isPositive().isLessThanOrEqualTo(600);
	}

	private Map<String, Object> batchLease(String batchToken) {
		assertThat(batchToken).startsWith("hvb.");
		LEASE_SERVICE.reset();
		NodeClient.Response read = new NodeClient(this.root.base()).token(batchToken)
			.call("GET", "leasetest/creds/ro", null);
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertThat((Integer) read.json().get("lease_duration")).isPositive().isLessThanOrEqualTo(600);
		List<LeaseServiceStub.Call> calls = LEASE_SERVICE.calls(LeasePaths.REGISTER);
		assertThat(calls).hasSize(1);
		return calls.get(0).body();
	}

	@Test
	void aSecretWhoseLeaseCannotBeRegisteredIsRevokedAndNeverShown() {
		LEASE_SERVICE.answer(LeasePaths.REGISTER, 503, Map.of("errors", List.of("database unavailable")));

		NodeClient.Response response = this.root.call("GET", "leasetest/creds/ro", null);

		assertThat(response.status()).isEqualTo(500);
		assertThat(response.json())
			.isEqualTo(Map.of("errors", List.of("failed to register lease: lease-service unavailable")));
		assertThat(response.body()).doesNotContain("pw-").doesNotContain(this.engine.lastUser());
		assertThat(this.engine.wasRevoked(this.engine.lastUser())).isTrue();
	}

	@Test
	void aFullLeaseCountQuotaIsVaults429AndTheSecretIsRevoked() {
		String quota = "1 error occurred:\n\t* request path \"leasetest/creds/ro\": lease count quota exceeded\n\n";
		LEASE_SERVICE.answer(LeasePaths.REGISTER, 429, Map.of("errors", List.of(quota)));

		NodeClient.Response response = this.root.call("GET", "leasetest/creds/ro", null);

		assertThat(response.status()).isEqualTo(429);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of(quota)));
		assertThat(this.engine.wasRevoked(this.engine.lastUser())).isTrue();
	}

	@Test
	void aWrappedDynamicSecretKeepsItsLease() {
		NodeClient.Response wrapped = this.root.header("X-Vault-Wrap-TTL", "60")
			.call("GET", "leasetest/creds/ro", null);
		assertThat(wrapped.status()).isEqualTo(200);
		assertThat(wrapped.json()).containsEntry("lease_id", "");
		String wrappingToken = (String) ((Map<?, ?>) wrapped.json().get("wrap_info")).get("token");

		NodeClient.Response unwrapped = new NodeClient(this.root.base()).token(wrappingToken)
			.call("POST", "sys/wrapping/unwrap", null);

		assertThat(unwrapped.status()).isEqualTo(200);
		assertThat(unwrapped.json()).containsEntry("lease_id",
				LEASE_SERVICE.calls(LeasePaths.REGISTER).get(0).body().get("leaseId"));
		assertThat(unwrapped.json()).containsEntry("lease_duration", 3600);
	}

	@Test
	void leaseServiceRevokesASecretThroughTheNode() {
		Map<String, Object> lease = issue("ro");
		String user = this.engine.lastUser();

		HttpResponse<String> revoked = call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity());

		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(this.engine.wasRevoked(user)).isTrue();
	}

	@Test
	void revocationDataOpensOnlyForItsOwnLease() {
		Map<String, Object> first = issue("ro");
		String firstUser = this.engine.lastUser();
		Map<String, Object> second = issue("ro");
		Map<String, Object> swapped = Map.of("leaseId", second.get("leaseId"), "mountAccessor", this.mountAccessor,
				"revocationData", first.get("revocationData"));

		HttpResponse<String> refused = call(LeasePaths.NODE_REVOKE, swapped, leaseIdentity());

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readValue(refused.body(), Map.class))
			.isEqualTo(Map.of("errors", List.of("the revocation data does not belong to this lease")));
		assertThat(this.engine.wasRevoked(firstUser)).isFalse();
	}

	@Test
	void revocationDataSealedBeforeAKeyRotationStillOpens() {
		Map<String, Object> lease = issue("ro");
		String user = this.engine.lastUser();
		assertThat(this.root.call("POST", "sys/rotate", Map.of()).status()).isIn(200, 204);

		assertThat(call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity()).statusCode()).isEqualTo(204);
		assertThat(this.engine.wasRevoked(user)).isTrue();
	}

	@Test
	void aSecretOfAMountThatIsGoneCountsAsRevoked() {
		Map<String, Object> lease = issue("ro");
		Map<String, Object> elsewhere = Map.of("leaseId", lease.get("leaseId"), "mountAccessor", "leasetest_0000dead",
				"revocationData", lease.get("revocationData"));

		assertThat(call(LeasePaths.NODE_REVOKE, elsewhere, leaseIdentity()).statusCode()).isEqualTo(204);
	}

	@Test
	void anEngineRefusingARevocationAnswersItsVaultError() {
		Map<String, Object> lease = issue(TestLeaseEngines.STUCK_ROLE);

		HttpResponse<String> refused = call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity());

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readValue(refused.body(), Map.class)).isEqualTo(Map.of("errors",
				List.of("role \"" + TestLeaseEngines.STUCK_ROLE + "\" cannot be dropped: it owns objects")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aBatchOfRevocationsAnswersOneOutcomePerLeaseInOrder() {
		Map<String, Object> first = issue("ro");
		String firstUser = this.engine.lastUser();
		Map<String, Object> stuck = issue(TestLeaseEngines.STUCK_ROLE);
		Map<String, Object> third = issue("ro");
		String thirdUser = this.engine.lastUser();
		Map<String, Object> swapped = Map.of("leaseId", third.get("leaseId"), "mountAccessor", this.mountAccessor,
				"revocationData", first.get("revocationData"));
		Map<String, Object> elsewhere = Map.of("leaseId", "gone/creds/x/1", "mountAccessor", "leasetest_0000dead",
				"revocationData", "c2VhbGVk");
		List<Map<String, Object>> revocations = List.of(revocation(first), revocation(stuck), swapped, elsewhere,
				revocation(third));

		HttpResponse<String> answered = call(LeasePaths.NODE_REVOKE_BATCH, Map.of("revocations", revocations),
				leaseIdentity());

		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		List<Map<String, Object>> outcomes = (List<Map<String, Object>>) JSON.readValue(answered.body(), Map.class)
			.get("outcomes");
		assertThat(outcomes).extracting((outcome) -> outcome.get("leaseId"))
			.containsExactly(first.get("leaseId"), stuck.get("leaseId"), third.get("leaseId"), "gone/creds/x/1",
					third.get("leaseId"));
		assertThat(outcomes).extracting((outcome) -> outcome.get("status")).containsExactly(204, 400, 400, 204, 204);
		assertThat(outcomes.get(1)).containsEntry("error",
				"role \"" + TestLeaseEngines.STUCK_ROLE + "\" cannot be dropped: it owns objects");
		assertThat(outcomes.get(2)).containsEntry("error", "the revocation data does not belong to this lease");
		assertThat(outcomes.get(0).get("error")).isNull();
		assertThat(this.engine.wasRevoked(firstUser)).isTrue();
		assertThat(this.engine.wasRevoked(thirdUser)).isTrue();

		this.ha.leaveElection();
		assertThat(
				call(LeasePaths.NODE_REVOKE_BATCH, Map.of("revocations", List.of(revocation(third))), leaseIdentity())
					.statusCode())
			.isEqualTo(503);
		assertThat(call(LeasePaths.NODE_REVOKE_BATCH, Map.of("revocations", List.of()), TestIdentities.valid())
			.statusCode()).isEqualTo(403);
	}

	@Test
	void aStandbyRefusesSoLeaseServiceTriesAnotherNode() {
		Map<String, Object> lease = issue("ro");
		this.ha.leaveElection();

		HttpResponse<String> refused = call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity());

		assertThat(refused.statusCode()).isEqualTo(503);
	}

	@Test
	void leaseServiceRenewsASecretWithinTheMountsMaximum() {
		Map<String, Object> lease = issue("ro");
		Instant now = Instant.now();

		Map<String, Object> renewed = renew(lease, now, 1800);
		assertThat(renewed).isEqualTo(Map.of("ttlSeconds", 1800, "renewable", true));
		assertThat(this.engine.renewals.get(this.engine.renewals.size() - 1).internalData()).containsEntry("username",
				this.engine.lastUser());

		assertThat(renew(lease, now, 0)).containsEntry("ttlSeconds", (int) TestLeaseEngines.RENEW_DEFAULT);
		// issued 50 min ago under a 1 h maximum: at most 10 min are left
		Map<String, Object> capped = renew(lease, now.minusSeconds(3000), 7200);
		assertThat(((Number) capped.get("ttlSeconds")).longValue()).isBetween(595L, 600L);
	}

	@Test
	void aRenewalPastTheMountsMaximumIsLeaseExpired() {
		Map<String, Object> lease = issue("ro");

		HttpResponse<String> expired = call(LeasePaths.NODE_RENEW, renewal(lease, Instant.now().minusSeconds(7200), 60),
				leaseIdentity());

		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(JSON.readValue(expired.body(), Map.class)).isEqualTo(Map.of("errors", List.of("lease expired")));
	}

	@Test
	void onlyLeaseServiceMayCallTheLeaseEndpoints() {
		Map<String, Object> lease = issue("ro");
		String user = this.engine.lastUser();

		HttpResponse<String> gateway = call(LeasePaths.NODE_REVOKE, revocation(lease), TestIdentities.valid());
		HttpResponse<String> gatewayRenew = call(LeasePaths.NODE_RENEW, renewal(lease, Instant.now(), 60),
				TestIdentities.valid());
		HttpResponse<String> anonymous = call(LeasePaths.NODE_REVOKE, revocation(lease), null);

		assertThat(gateway.statusCode()).isEqualTo(403);
		assertThat(JSON.readValue(gateway.body(), Map.class)).isEqualTo(Map.of("errors", List.of("permission denied")));
		assertThat(gatewayRenew.statusCode()).isEqualTo(403);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readValue(anonymous.body(), Map.class))
			.isEqualTo(Map.of("errors", List.of(InternalIdentity.REFUSED)));
		assertThat(this.engine.wasRevoked(user)).isFalse();
	}

	@Test
	void leaseServiceMayCallNothingElse() {
		HttpResponse<String> health = call("/v1/sys/mounts", Map.of(), leaseIdentity());

		assertThat(health.statusCode()).isEqualTo(403);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aRevokedTokenIsReportedToLeaseService() {
		Map<String, Object> auth = (Map<String, Object>) this.root
			.call("POST", "auth/token/create", Map.of("policies", List.of("default")))
			.json()
			.get("auth");
		String accessor = (String) auth.get("accessor");

		assertThat(this.root.call("POST", "auth/token/revoke", Map.of("token", auth.get("client_token"))).status())
			.isEqualTo(204);

		await().atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(LEASE_SERVICE.calls(LeasePaths.REVOKE_TOKEN))
				.anySatisfy((call) -> assertThat(call.body()).isEqualTo(Map.of("tokenAccessor", accessor))));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aTokenRevocationStandsWhenLeaseServiceIsDownAndIsReportedOnceItIsBack() {
		LEASE_SERVICE.answer(LeasePaths.REVOKE_TOKEN, 503, Map.of("errors", List.of("down")));
		Map<String, Object> auth = (Map<String, Object>) this.root
			.call("POST", "auth/token/create", Map.of("policies", List.of("default")))
			.json()
			.get("auth");

		assertThat(
				this.root.call("POST", "auth/token/revoke-accessor", Map.of("accessor", auth.get("accessor"))).status())
			.isEqualTo(204);
		assertThat(new NodeClient(this.root.base()).token((String) auth.get("client_token"))
			.call("GET", "auth/token/lookup-self", null)
			.status()).isEqualTo(403);
		await().atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(LEASE_SERVICE.calls(LeasePaths.REVOKE_TOKEN)).isNotEmpty());

		// lease-service is back: the report is sent again
		LEASE_SERVICE.answer(LeasePaths.REVOKE_TOKEN, 204, null);
		await().atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(LEASE_SERVICE.calls(LeasePaths.REVOKE_TOKEN))
				.filteredOn((call) -> call.body().equals(Map.of("tokenAccessor", auth.get("accessor"))))
				.hasSizeGreaterThanOrEqualTo(2));
	}

	@Test
	void aTokenWithATtlGetsALeaseThatExpiresItWithItsChildren() {
		Map<String, Object> parent = token(this.root, "1h", "token-creator");
		Map<String, Object> lease = tokenLease((String) parent.get("accessor"));
		assertThat((String) lease.get("leaseId")).matches("auth/token/create/[0-9A-Za-z]{24}");
		assertThat(lease).containsEntry("mountPath", "auth/token/")
			.containsEntry("mountAccessor", "auth_token_00000000")
			.containsEntry("renewable", false);
		assertThat(((Number) lease.get("ttlSeconds")).longValue()).isBetween(3599L, 3600L);
		NodeClient parentClient = new NodeClient(this.root.base()).token((String) parent.get("client_token"));
		Map<String, Object> child = token(parentClient, "10m", "default");

		assertThat(call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity()).statusCode()).isEqualTo(204);

		assertThat(parentClient.call("GET", "auth/token/lookup-self", null).status()).isEqualTo(403);
		assertThat(new NodeClient(this.root.base()).token((String) child.get("client_token"))
			.call("GET", "auth/token/lookup-self", null)
			.status()).isEqualTo(403);
	}

	@Test
	void aRenewedTokenOutlivesItsEarlierLeaseAndEndsWithItsLatest() {
		Map<String, Object> auth = token(this.root, "10m", "default");
		String accessor = (String) auth.get("accessor");
		NodeClient client = new NodeClient(this.root.base()).token((String) auth.get("client_token"));
		Map<String, Object> first = tokenLease(accessor);
		assertThat(client.call("POST", "auth/token/renew-self", Map.of("increment", "1h")).status()).isEqualTo(200);
		Map<String, Object> renewed = LEASE_SERVICE.calls(LeasePaths.REGISTER)
			.stream()
			.map(LeaseServiceStub.Call::body)
			.filter((body) -> ((String) body.get("leaseId")).startsWith("auth/token/renew-self/"))
			.findFirst()
			.orElseThrow();

		assertThat(call(LeasePaths.NODE_REVOKE, revocation(first), leaseIdentity()).statusCode()).isEqualTo(204);
		assertThat(client.call("GET", "auth/token/lookup-self", null).status()).isEqualTo(200);

		assertThat(call(LeasePaths.NODE_REVOKE, revocation(renewed), leaseIdentity()).statusCode()).isEqualTo(204);
		assertThat(client.call("GET", "auth/token/lookup-self", null).status()).isEqualTo(403);
	}

	@Test
	void aFullLeaseCountQuotaRefusesANewTokenAndRevokesIt() {
		String quota = "1 error occurred:\n\t* request path \"auth/token/create\": lease count quota exceeded\n\n";
		LEASE_SERVICE.answer(LeasePaths.REGISTER, 429, Map.of("errors", List.of(quota)));

		NodeClient.Response refused = this.root.call("POST", "auth/token/create",
				Map.of("policies", List.of("default"), "ttl", "1h"));

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List.of(quota)));
		String accessor = (String) LEASE_SERVICE.calls(LeasePaths.REGISTER).get(0).body().get("tokenAccessor");
		assertThat(this.root.call("POST", "auth/token/lookup-accessor", Map.of("accessor", accessor)).status())
			.isNotEqualTo(200);
	}

	@Test
	void aTokenIsStillIssuedWhenLeaseServiceIsDown() {
		LEASE_SERVICE.answer(LeasePaths.REGISTER, 503, Map.of("errors", List.of("down")));

		Map<String, Object> auth = token(this.root, "1h", "default");

		assertThat(new NodeClient(this.root.base()).token((String) auth.get("client_token"))
			.call("GET", "auth/token/lookup-self", null)
			.status()).isEqualTo(200);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> token(NodeClient client, String ttl, String policy) {
		NodeClient.Response created = client.call("POST", "auth/token/create",
				Map.of("policies", List.of(policy), "ttl", ttl));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return (Map<String, Object>) created.json().get("auth");
	}

	private static Map<String, Object> tokenLease(String accessor) {
		return LEASE_SERVICE.calls(LeasePaths.REGISTER)
			.stream()
			.map(LeaseServiceStub.Call::body)
			.filter((body) -> accessor.equals(body.get("tokenAccessor")))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void unmountingRevokesTheMountsLeasesThroughLeaseServiceWhileTheMountIsStillThere() throws Exception {
		String accessor = mount("leasegone");
		LEASE_SERVICE.reset();
		assertThat(this.root.call("GET", "leasegone/creds/ro", null).status()).isEqualTo(200);
		Map<String, Object> lease = LEASE_SERVICE.calls(LeasePaths.REGISTER).get(0).body();
		String user = this.engine.lastUser();
		List<Integer> duringRevocation = new CopyOnWriteArrayList<>();
		// lease-service calls the node back for the lease while the unmount waits for it
		LEASE_SERVICE.onCall(LeasePaths.REVOKE_MOUNT, (body) -> {
			duringRevocation.add(call(LeasePaths.NODE_REVOKE, revocation(lease), leaseIdentity()).statusCode());
			duringRevocation.add(this.root.call("GET", "leasegone/creds/ro", null).status());
		}, 204);

		NodeClient.Response unmounted = this.root.call("DELETE", "sys/mounts/leasegone", null);

		assertThat(unmounted.status()).isEqualTo(204);
		List<LeaseServiceStub.Call> calls = LEASE_SERVICE.calls(LeasePaths.REVOKE_MOUNT);
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).body()).isEqualTo(Map.of("mountAccessor", accessor, "mountPath", "leasegone/"));
		assertThat(SignedJWT.parse(calls.get(0).identity()).getJWTClaimsSet().getIssuer())
			.isEqualTo(InternalIdentity.issuer("secrets"));
		// revoked through the engine (a mount already gone would answer 204 without it);
		// a secret issued meanwhile got no lease: the mount was tainted
		assertThat(duringRevocation).containsExactly(204, 404);
		assertThat(this.engine.wasRevoked(user)).isTrue();
		assertThat(this.engine.wasRevoked(this.engine.lastUser())).isTrue();
		assertThat(LEASE_SERVICE.calls(LeasePaths.REGISTER)).hasSize(1);
		assertThat(this.root.call("GET", "sys/mounts", null).data()).doesNotContainKey("leasegone/");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aMountWhoseLeasesLeaseServiceCouldNotRevokeStays() {
		String accessor = mount("leasekept");
		String failure = "failed to revoke 1 leases of leasekept/: role \"ro\" cannot be dropped";
		LEASE_SERVICE.answer(LeasePaths.REVOKE_MOUNT, 400, Map.of("errors", List.of(failure)));

		NodeClient.Response refused = this.root.call("DELETE", "sys/mounts/leasekept", null);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json()).isEqualTo(Map.of("errors", List.of(failure)));
		assertThat(LEASE_SERVICE.calls(LeasePaths.REVOKE_MOUNT)).hasSize(1);
		Map<String, Object> kept = (Map<String, Object>) this.root.call("GET", "sys/mounts", null)
			.data()
			.get("leasekept/");
		assertThat(kept).isNotNull().containsEntry("accessor", accessor);
		assertThat(this.root.call("GET", "leasekept/creds/ro", null).status()).isEqualTo(200);

		LEASE_SERVICE.answer(LeasePaths.REVOKE_MOUNT, 503, Map.of("errors", List.of("database unavailable")));
		NodeClient.Response unavailable = this.root.call("DELETE", "sys/mounts/leasekept", null);
		assertThat(unavailable.status()).isEqualTo(500);
		assertThat(unavailable.json()).isEqualTo(
				Map.of("errors", List.of("failed to revoke the leases of leasekept/: lease-service unavailable")));
		assertThat(this.root.call("GET", "sys/mounts", null).data()).containsKey("leasekept/");
	}

	private String mount(String path) {
		assertThat(this.root.call("POST", "sys/mounts/" + path, Map.of("type", TestLeaseEngines.TYPE)).status())
			.isEqualTo(204);
		return (String) ((Map<?, ?>) this.root.call("GET", "sys/mounts", null).data().get(path + "/")).get("accessor");
	}

	private Map<String, Object> issue(String role) {
		LEASE_SERVICE.reset();
		assertThat(this.root.call("GET", "leasetest/creds/" + role, null).status()).isEqualTo(200);
		return LEASE_SERVICE.calls(LeasePaths.REGISTER).get(0).body();
	}

	private Map<String, Object> revocation(Map<String, Object> lease) {
		return Map.of("leaseId", lease.get("leaseId"), "mountAccessor", lease.get("mountAccessor"), "revocationData",
				lease.get("revocationData"));
	}

	private Map<String, Object> renewal(Map<String, Object> lease, Instant issueTime, long increment) {
		return Map.of("leaseId", lease.get("leaseId"), "mountAccessor", lease.get("mountAccessor"), "revocationData",
				lease.get("revocationData"), "issueTime", issueTime.toString(), "incrementSeconds", increment);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> renew(Map<String, Object> lease, Instant issueTime, long increment) {
		HttpResponse<String> response = call(LeasePaths.NODE_RENEW, renewal(lease, issueTime, increment),
				leaseIdentity());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private String rootAccessor() {
		return (String) this.root.call("GET", "auth/token/lookup-self", null).data().get("accessor");
	}

	private static String leaseIdentity() {
		return LEASE_SIGNER.sign(InternalIdentity.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
	}

	private HttpResponse<String> call(String path, Object body, String identity) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (identity != null) {
			request.header(InternalIdentity.HEADER, identity);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Engines {

		@Bean
		TestLeaseEngines testLeaseEngines() {
			return new TestLeaseEngines();
		}

	}

}
