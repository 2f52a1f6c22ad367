package io.coffer.secrets.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.secrets.http.NodeClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node refuses every call without a valid internal identity, except its own
 * unauthenticated endpoints. The node is fresh (uninitialized, sealed), so a call that
 * gets past the identity check answers Vault's {@code 503 Vault is sealed}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InternalIdentityTest {

	private static final Map<String, Object> REFUSED = Map.of("errors",
			List.of("missing or invalid internal identity"));

	@LocalServerPort
	int port;

	NodeClient signed;

	NodeClient anonymous;

	@BeforeEach
	void clients() {
		this.signed = new NodeClient("http://127.0.0.1:" + this.port);
		this.anonymous = this.signed.identity(() -> null);
	}

	@Test
	void logicalPathWithoutIdentityIsRefusedWithoutDetail() {
		NodeClient.Response response = this.anonymous.token("some-vault-token").call("GET", "secret/foo", null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json()).isEqualTo(REFUSED);
		assertThat(response.header("WWW-Authenticate")).isNull();
		assertThat(response.header("Set-Cookie")).isNull();
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void logicalPathWithValidIdentityReachesTheNode() {
		NodeClient.Response response = this.signed.call("GET", "secret/foo", null);

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("Vault is sealed")));
	}

	@Test
	void expiredWronglySignedWrongAudienceAndMalformedIdentitiesAreRefused() throws Exception {
		Clock minuteAgo = Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC);
		String expired = TestIdentities.signer("test-only-gateway-key.pem", minuteAgo)
			.sign(UUID.randomUUID().toString());
		String otherKey = TestIdentities.signer("test-only-other-key.pem", Clock.systemUTC())
			.sign(UUID.randomUUID().toString());
		String wrongAudience = signedByGatewayKey(
				claims().audience("coffer-lease").issuer(InternalIdentity.GATEWAY_ISSUER).build());
		String wrongIssuer = signedByGatewayKey(
				claims().audience(InternalIdentity.AUDIENCE).issuer("not-the-gateway").build());

		for (String identity : List.of(expired, otherKey, wrongAudience, wrongIssuer, "garbage", "")) {
			NodeClient.Response response = this.signed.identity(() -> identity).call("GET", "secret/foo", null);
			assertThat(response.status()).as(identity).isEqualTo(401);
			assertThat(response.json()).isEqualTo(REFUSED);
		}
	}

	@Test
	void aValidIdentitySentAsAuthorizationBearerIsNotTakenForOne() {
		NodeClient.Response response = this.anonymous.header("Authorization", "Bearer " + TestIdentities.valid())
			.call("GET", "secret/foo", null);

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void aNodesOwnUnauthenticatedEndpointsNeedNoIdentity() {
		assertThat(this.anonymous.call("GET", "sys/health", null).status()).isEqualTo(501);
		assertThat(this.anonymous.call("GET", "sys/seal-status", null).json()).containsEntry("sealed", true);
		assertThat(this.anonymous.call("GET", "sys/init", null).json()).containsEntry("initialized", false);
		assertThat(this.anonymous.call("GET", "sys/leader", null).status()).isEqualTo(503);
		NodeClient.Response unseal = this.anonymous.call("PUT", "sys/unseal", Map.of("key", "00"));
		assertThat(unseal.status()).isEqualTo(400);
		assertThat(unseal.body()).doesNotContain(InternalIdentity.REFUSED);
		assertThat(this.anonymous.call("POST", "sys/unseal", Map.of("key", "00")).status()).isEqualTo(400);
		assertThat(this.anonymous.raw("GET", "/actuator/prometheus").status()).isEqualTo(200);
		assertThat(this.anonymous.raw("GET", "/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void initSealAndOtherVerbsOnOpenPathsNeedAnIdentity() {
		assertThat(this.anonymous.call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1)).status())
			.isEqualTo(401);
		assertThat(this.anonymous.call("PUT", "sys/seal", null).status()).isEqualTo(401);
		assertThat(this.anonymous.call("DELETE", "sys/health", null).status()).isEqualTo(401);
		assertThat(this.anonymous.call("GET", "sys/generate-root/attempt", null).status()).isEqualTo(401);
		assertThat(this.anonymous.call("GET", "sys/rekey/init", null).status()).isEqualTo(401);
		assertThat(this.anonymous.raw("GET", "/actuator/info").status()).isEqualTo(401);
		assertThat(this.signed.call("GET", "sys/init", null).json()).containsEntry("initialized", false);
	}

	@Test
	void vaultsListVerbAndPercentInKeysStillReachTheNode() {
		assertThat(this.signed.call("LIST", "secret/", null).status()).isEqualTo(503);
		assertThat(this.signed.call("GET", "secret/100%25;x", null).status()).isEqualTo(503);
		assertThat(this.anonymous.call("LIST", "secret/", null).status()).isEqualTo(401);
	}

	@Test
	void anOversizedBodyWithAValidIdentityStillAnswers413() {
		String body = "{\"v\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}";

		NodeClient.Response response = this.signed.call("PUT", "secret/big", body);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json()).isEqualTo(Map.of("errors", List.of("http: request body too large")));
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(30)))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String signedByGatewayKey(JWTClaimsSet claims) throws Exception {
		java.nio.file.Path key = java.nio.file.Path
			.of(InternalIdentityTest.class.getResource("/identity/test-only-gateway-key.pem").toURI());
		var pair = IdentityKeyFiles.readPair(key);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(IdentityKeyFiles.keyId(pair.getPublic())).build(),
				claims);
		jwt.sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) pair.getPrivate()));
		return jwt.serialize();
	}

}
