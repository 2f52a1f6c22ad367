package io.coffer.gateway.identity;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import io.coffer.gateway.support.FakeSecretsNode.Received;
import io.coffer.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the gateway sends to a node, whichever way, carries a valid identity
 * signed with the key the gateway generated at start-up, and never one a client sent.
 */
class InternalIdentityIT extends GatewayIntegrationTest {

	private static final String FORGED = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJjb2ZmZXItZ2F0ZXdheSJ9.";

	@Test
	void theGatewayGeneratedItsKeyPairWithThePrivateKeyReadableByItsOwnerOnly() throws Exception {
		assertThat(Files.readString(SIGNING_KEY)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SIGNING_KEY))).isEqualTo("rw-------");
		assertThat(IdentityKeyFiles.readPair(SIGNING_KEY)).isNotNull();
	}

	@Test
	void aProxiedRequestCarriesAFreshIdentityInsteadOfTheClientsOne() throws Exception {
		this.client.get()
			.uri("/v1/secret/data/app")
			.header("X-Coffer-Identity", FORGED)
			.header("X-Vault-Token", "client-token")
			.exchange()
			.expectStatus()
			.isOk();

		Received received = this.cluster.a.received("/v1/secret/data/app").get(0);
		assertThat(received.identity()).isNotEqualTo(FORGED);
		assertValid(received);
	}

	@Test
	void theIdentityCarriesTheTcpPeerAddressWhateverForwardingHeadersTheClientSends() throws Exception {
		this.client.get()
			.uri("/v1/secret/data/peer")
			.header("X-Forwarded-For", "10.9.9.9")
			.header("Forwarded", "for=10.9.9.9")
			.header("X-Real-IP", "10.9.9.9")
			.exchange()
			.expectStatus()
			.isOk();

		Received received = this.cluster.a.received("/v1/secret/data/peer").get(0);
		assertValid(received);
		assertThat(clientAddress(received)).isEqualTo("127.0.0.1");
	}

	@Test
	void aBearerTokenReachesTheNodeAsVaultToken() {
		this.client.get()
			.uri("/v1/secret/data/bearer")
			.header("Authorization", "Bearer client-token")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/v1/secret/data/both")
			.header("Authorization", "Bearer other-token")
			.header("X-Vault-Token", "explicit-token")
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(this.cluster.a.received("/v1/secret/data/bearer").get(0).token()).isEqualTo("client-token");
		assertThat(this.cluster.a.received("/v1/secret/data/both").get(0).token()).isEqualTo("explicit-token");
	}

	@Test
	void eachAttemptOfARetriedRequestCarriesAValidIdentityAndTheSameRequestId() throws Exception {
		this.cluster.setModes(Mode.STANDBY, Mode.ACTIVE, Mode.STANDBY);

		this.client.put()
			.uri("/v1/secret/data/moved")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"data\":{}}")
			.exchange()
			.expectStatus()
			.isOk();

		Received refused = this.cluster.a.received("/v1/secret/data/moved").get(0);
		Received served = this.cluster.b.received("/v1/secret/data/moved").get(0);
		assertValid(refused);
		assertValid(served);
		assertThat(served.requestId()).isEqualTo(refused.requestId());
	}

	@Test
	void everyRequestGetsItsOwnRequestIdBesideTheIdentity() throws Exception {
		this.client.get().uri("/v1/secret/data/first").exchange().expectStatus().isOk();
		this.client.get().uri("/v1/secret/data/second").exchange().expectStatus().isOk();

		Received first = this.cluster.a.received("/v1/secret/data/first").get(0);
		Received second = this.cluster.a.received("/v1/secret/data/second").get(0);
		assertValid(first);
		assertValid(second);
		assertThat(second.requestId()).isNotEqualTo(first.requestId());
	}

	@Test
	void nodeLocalRoutesSealFanOutAndHealthProbesAreSigned() throws Exception {
		this.client.get().uri("/v1/sys/seal-status").exchange().expectStatus().isOk();
		this.client.put()
			.uri("/v1/sys/unseal")
			.header("X-Coffer-Identity", FORGED)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"key\":\"" + FakeSecretsNode.GOOD_KEY + "\"}")
			.exchange()
			.expectStatus()
			.isOk();

		assertValid(this.cluster.a.received("/v1/sys/seal-status").get(0));
		for (FakeSecretsNode node : this.cluster.nodes()) {
			assertValid(node.received("/v1/sys/unseal").get(0));
			assertValid(node.received("/v1/sys/health").get(0));
			// The fan-out speaks for the client; a health probe for nobody.
			assertThat(clientAddress(node.received("/v1/sys/unseal").get(0))).isEqualTo("127.0.0.1");
			assertThat(clientAddress(node.received("/v1/sys/health").get(0))).isNull();
		}
	}

	private static String clientAddress(Received received) throws Exception {
		return SignedJWT.parse(received.identity()).getJWTClaimsSet().getStringClaim("client_address");
	}

	private static void assertValid(Received received) throws Exception {
		assertThat(received.identity()).as("X-Coffer-Identity sent to the node").isNotNull();
		ECPublicKey key = IdentityKeyFiles.readPublicKey(IdentityKeyFiles.publicKeyPath(SIGNING_KEY));
		SignedJWT jwt = SignedJWT.parse(received.identity());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(IdentityKeyFiles.keyId(key));
		assertThat(jwt.verify(new ECDSAVerifier(key))).as("signature").isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("coffer-gateway");
		assertThat(claims.getAudience()).isEqualTo(List.of("coffer-secrets"));
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(received.requestId()).isNotBlank();
		Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
		assertThat(lifetime).isEqualTo(Duration.ofSeconds(30));
		assertThat(claims.getExpirationTime()).isAfter(new Date());
	}

}
