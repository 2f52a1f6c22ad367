package io.coffer.gateway.proxy;

import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.common.authorize.AclEpoch;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.gateway.authorize.AllowCache;
import io.coffer.gateway.support.FakeOwnerService;
import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.GatewayIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table with a deployed owner: a test double configured as the {@code lease}
 * service. Its requests are authorized by the active node first and forwarded only when
 * allowed, with an identity carrying the authorization and without the Vault token;
 * allowed decisions are cached until the node's ACL epoch changes.
 */
class OwnerRoutingIT extends GatewayIntegrationTest {

	private static final FakeOwnerService LEASE = FakeOwnerService.start("lease");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TOKEN = "test-lease-token";

	@Autowired
	AllowCache allowCache;

	@Autowired
	MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void leaseOwner(DynamicPropertyRegistry registry) {
		registry.add("coffer.gateway.routes.owners.lease.urls", () -> LEASE.url().toString());
	}

	@BeforeEach
	void resetOwnerAndAllowCache() {
		LEASE.reset();
		// A new epoch drops what earlier tests left in the cache.
		this.cluster.a.aclEpoch("start-" + UUID.randomUUID());
		this.monitor.refresh().block();
		assertThat(this.allowCache.size()).isZero();
	}

	@Test
	void anAllowedRequestIsForwardedWithTheAuthorizationInItsIdentityAndWithoutTheToken() throws Exception {
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"lease_id\":\"database/creds/app/abc\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(AclEpoch.HEADER)
			.expectBody()
			.json("{\"data\":{\"served_by\":\"lease\"}}");

		List<FakeSecretsNode.Received> asked = this.cluster.a.received(AuthorizeRequest.PATH);
		assertThat(asked).hasSize(1);
		assertThat(asked.get(0).identity()).isNotBlank();
		assertThat(JSON.readValue(asked.get(0).body(), Map.class)).containsEntry("token", TOKEN)
			.containsEntry("path", "sys/leases/lookup")
			.containsEntry("operation", "update")
			.containsEntry("data", Map.of("lease_id", "database/creds/app/abc"));

		FakeOwnerService.Received forwarded = LEASE.received().get(0);
		assertThat(forwarded.method()).isEqualTo("PUT");
		assertThat(forwarded.path()).isEqualTo("/v1/sys/leases/lookup");
		assertThat(forwarded.body()).isEqualTo("{\"lease_id\":\"database/creds/app/abc\"}");
		assertThat(forwarded.header("X-Vault-Token")).isNull();
		assertThat(forwarded.header("Authorization")).isNull();
		assertThat(forwarded.header("X-Coffer-Request-Id")).isEqualTo(asked.get(0).requestId());
		JWTClaimsSet claims = verified(forwarded.header(InternalIdentity.HEADER));
		assertThat(claims.getIssuer()).isEqualTo(InternalIdentity.GATEWAY_ISSUER);
		assertThat(claims.getAudience()).containsExactly("coffer-lease");
		assertThat(claims.getStringListClaim("policies")).containsExactly("default", "lease-reader");
		assertThat(claims.getStringClaim("token_accessor")).isEqualTo(FakeSecretsNode.ACCESSOR);
		assertThat(claims.getStringClaim("display_name")).isEqualTo("token-ci");
		assertThat(claims.getStringClaim("entity_id")).isEmpty();
		assertThat(claims.getLongClaim("token_ttl")).isEqualTo(3600L);
		assertThat(claims.getStringClaim("client_address")).isEqualTo("127.0.0.1");
		assertThat(claims.toString()).doesNotContain(TOKEN);
	}

	@Test
	void aDeniedRequestIsVaultsPermissionDeniedAndNeverForwarded() {
		this.client.get()
			.uri("/v1/sys/leases/lookup/database/")
			.header("Authorization", "Bearer " + FakeSecretsNode.DENIED_TOKEN)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.json("{\"errors\":[\"permission denied\"]}", true);
		assertThat(LEASE.received()).isEmpty();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(1);
	}

	@Test
	void aCachedDecisionSkipsTheNodeUntilItsAclEpochChanges() {
		this.cluster.a.aclEpoch("epoch-1");
		this.monitor.refresh().block();
		leaseLookup();
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(1);
		assertThat(LEASE.received()).hasSize(2);

		// A revocation seen on the node's health: the next request asks again.
		this.cluster.a.aclEpoch("epoch-2");
		this.monitor.refresh().block();
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(2);
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(2);

		// A revocation made through the gateway: its own answer carries the new epoch,
		// which never reaches the client, and the cache is gone before the client has it.
		this.cluster.a.aclEpoch("epoch-3");
		this.client.post()
			.uri("/v1/auth/token/revoke")
			.header("X-Vault-Token", FakeSecretsNode.ROOT_TOKEN)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(AclEpoch.HEADER);
		assertThat(this.allowCache.size()).isZero();
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(3);
	}

	@Test
	void aUseLimitedTokensDecisionIsNeverCached() {
		this.cluster.a.authorizeCacheable(false);
		leaseLookup();
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(2);
		assertThat(LEASE.received()).hasSize(2);
	}

	@Test
	void anotherTokenPathOrOperationIsDecidedAgain() {
		leaseLookup();
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", "another-token")
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/v1/sys/leases/lookup/?list=true")
			.header("X-Vault-Token", TOKEN)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(3);
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH).get(2).body()).contains("\"operation\":\"list\"");
	}

	@Test
	void pathsOfOwnersWithoutUrlAndLookalikesStayWithTheSecretsNodes() {
		for (String path : List.of("/v1/sys/audit", "/v1/sys/leasesx", "/v1/auth/token/revoke-self",
				"/v1/sys/storage/raft/snapshot-auto/config/x")) {
			this.client.get()
				.uri(path)
				.header("X-Vault-Token", TOKEN)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.node")
				.isEqualTo("a");
		}
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).isEmpty();
		assertThat(LEASE.received()).isEmpty();
	}

	@Test
	void aSealedClusterAnswersAsItDoesForEveryRequest() {
		this.cluster.setModes(Mode.SEALED, Mode.SEALED, Mode.SEALED);
		this.monitor.refresh().block();
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", TOKEN)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.json("{\"errors\":[\"Vault is sealed\"]}", true);
		assertThat(LEASE.received()).isEmpty();
	}

	@Test
	void aRateLimitRefusalOfTheDecisionReachesTheClientWithItsHeaders() {
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", FakeSecretsNode.RATE_LIMITED_TOKEN)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("Retry-After", "7")
			.expectHeader()
			.valueEquals("X-RateLimit-Limit", "2")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "0")
			.expectHeader()
			.valueEquals("X-RateLimit-Reset", "7")
			.expectBody()
			.json("{\"errors\":[\"request path \\\"sys/leases/lookup\\\": rate limit quota exceeded\"]}", true);
		assertThat(LEASE.received()).isEmpty();
	}

	@Test
	void anAllowedRequestOnARateLimitedPathGetsTheQuotasHeadersOnTheServicesAnswer() {
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", FakeSecretsNode.QUOTA_HEADERS_TOKEN)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-RateLimit-Limit", "5")
			.expectHeader()
			.valueEquals("X-RateLimit-Remaining", "4")
			.expectHeader()
			.valueEquals("X-RateLimit-Reset", "60")
			.expectBody()
			.json("{\"data\":{\"served_by\":\"lease\"}}");
		assertThat(LEASE.received()).hasSize(1);
	}

	@Test
	void anAllowedRequestWithoutAQuotaGetsNoRateLimitHeaders() {
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", TOKEN)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-RateLimit-Limit");
	}

	@Test
	void aStandbysRefusalOfTheDecisionIsAskedAgainOnTheNewActive() {
		// The gateway still believes a is active: a's refusal must send the question to
		// b.
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.STANDBY);
		leaseLookup();
		assertThat(this.cluster.a.received(AuthorizeRequest.PATH)).hasSize(1);
		assertThat(this.cluster.b.received(AuthorizeRequest.PATH)).hasSize(1);
		assertThat(LEASE.received()).hasSize(1);
	}

	@Test
	void eachRoutedRequestIsTimedPerOwnerAndStatusClass() {
		long lease = this.meterRegistry.get("coffer.gateway.owner.requests")
			.tag("owner", "lease")
			.tag("type", "2xx")
			.timer()
			.count();

		leaseLookup();

		assertThat(this.meterRegistry.get("coffer.gateway.owner.requests")
			.tag("owner", "lease")
			.tag("type", "2xx")
			.timer()
			.count()).isEqualTo(lease + 1);
		assertThat(this.meterRegistry.get("coffer.gateway.owner.retries").tag("owner", "lease").counter().count())
			.isZero();
	}

	private void leaseLookup() {
		this.client.put()
			.uri("/v1/sys/leases/lookup")
			.header("X-Vault-Token", TOKEN)
			.bodyValue("{\"lease_id\":\"x\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static JWTClaimsSet verified(String identity) throws Exception {
		ECPublicKey key = IdentityKeyFiles.readPublicKey(IdentityKeyFiles.publicKeyPath(SIGNING_KEY));
		SignedJWT jwt = SignedJWT.parse(identity);
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
		return jwt.getJWTClaimsSet();
	}

}
