package io.coffer.secrets.auth.jwt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.identity.FromAddress;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.LoginGrant;
import io.coffer.secrets.token.TokenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The jwt auth method against keys made in the test: PEM keys, a JWKS and an OIDC
 * discovery document served from an in-process HTTP server, JWTs signed with Nimbus.
 */
class JwtAuthTest {

	private static final RSAKey KEY = TestIdentityProvider.rsaKey("k1");

	private final TokenFixture fixture = new TokenFixture();

	private final MountEntry mount = new MountEntry("auth/jwt/", "jwt", "", "auth_jwt_1", UUID.randomUUID().toString(),
			new MountEntry.MountConfig(0, 7200, false), null);

	private final BarrierView view = this.fixture.barrier.view("auth/" + this.mount.uuid() + "/");

	private final AuthMethod method = new JwtAuthFactory(this.fixture.clock).create(this.mount, this.view);

	private TestIdentityProvider provider;

	@AfterEach
	void stopProvider() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void aJwtSignedByAConfiguredKeyLogsInWithTheRolesPoliciesTtlAndMappedClaims() {
		configurePem();
		call(Operation.UPDATE, "role/dev",
				Map.of("role_type", "jwt", "bound_audiences", "coffer", "user_claim", "email", "claim_mappings",
						Map.of("team", "team", "/org/unit", "unit"), "token_policies", "dev,ops", "token_ttl", "10m",
						"token_max_ttl", "1h"));

		LogicalResponse login = login("dev",
				jwt((claims) -> claims.audience("coffer")
					.subject("u-1")
					.claim("email", "alice@example.com")
					.claim("team", "blue")
					.claim("org", Map.of("unit", "payments"))));

		assertThat(login.auth()).containsEntry("policies", List.of("default", "dev", "ops"))
			.containsEntry("lease_duration", 600L)
			.containsEntry("metadata", Map.of("role", "dev", "team", "blue", "unit", "payments"));
		TokenEntry entry = this.fixture.entry((String) login.auth().get("client_token"));
		assertThat(entry.displayName()).isEqualTo("jwt-alice@example.com");
		assertThat(entry.path()).isEqualTo("auth/jwt/login");
		assertThat(entry.maxTtl()).isEqualTo(3600);
	}

	@Test
	void theDefaultRoleServesALoginThatNamesNone() {
		call(Operation.UPDATE, "config",
				Map.of("jwt_validation_pubkeys", List.of(pem(KEY)), "default_role", "Fallback"));
		call(Operation.UPDATE, "role/fallback",
				Map.of("role_type", "jwt", "bound_subject", "svc", "user_claim", "sub", "token_policies", "svc"));

		LogicalResponse login = loginWith(Map.of("jwt", jwt((claims) -> claims.subject("svc"))));

		assertThat(login.auth()).containsEntry("metadata", Map.of("role", "fallback"));
	}

	@Test
	void aRotatedJwksKeyIsPickedUpAndTheCachedSetServesOtherLogins() throws IOException {
		this.provider = new TestIdentityProvider();
		RSAKey second = TestIdentityProvider.rsaKey("k2");
		this.provider.publish(KEY);
		call(Operation.UPDATE, "config", Map.of("jwks_url", this.provider.jwksUrl()));
		role("web", Map.of());
		int fetchesAfterConfig = this.provider.jwksFetches.get();

		assertThat(login("web", jwt(KEY, (claims) -> claims.audience("coffer"))).auth()).containsKey("client_token");
		assertThat(login("web", jwt(KEY, (claims) -> claims.audience("coffer"))).auth()).containsKey("client_token");
		assertThat(this.provider.jwksFetches.get() - fetchesAfterConfig).isEqualTo(1);

		this.provider.publish(second);
		assertThat(login("web", jwt(second, (claims) -> claims.audience("coffer"))).auth()).containsKey("client_token");
		assertThat(this.provider.jwksFetches.get() - fetchesAfterConfig).isEqualTo(2);
	}

	@Test
	void oidcDiscoveryFindsTheJwksAndBindsTheIssuer() throws IOException {
		this.provider = new TestIdentityProvider();
		this.provider.publish(KEY);
		call(Operation.UPDATE, "config", Map.of("oidc_discovery_url", this.provider.issuer()));
		role("web", Map.of());

		assertThat(login("web", jwt((claims) -> claims.audience("coffer").issuer(this.provider.issuer()))).auth())
			.containsKey("client_token");
		refused("web", jwt((claims) -> claims.audience("coffer").issuer("https://elsewhere.example")),
				"error validating token: invalid issuer (iss) claim");
	}

	@Test
	void anEcKeyLogsInWhenEs256IsAcceptedAndBoundClaimsCompareNumbersAndBooleansByValue() throws Exception {
		ECKey ec = TestIdentityProvider.ecKey("ec");
		call(Operation.UPDATE, "config", Map.of("jwt_validation_pubkeys",
				List.of(TestIdentityProvider.pem(ec.toECPublicKey())), "jwt_supported_algs", List.of("ES256")));
		role("typed", Map.of("bound_claims", Map.of("run_attempt", 1, "protected", true)));

		assertThat(login("typed",
				jwt(ec, (claims) -> claims.audience("coffer").claim("run_attempt", 1.0).claim("protected", true)))
			.auth()).containsKey("client_token");
		refused("typed",
				jwt(ec, (claims) -> claims.audience("coffer").claim("run_attempt", "1").claim("protected", true)),
				"error validating claims: claim \"run_attempt\" does not match any associated bound claim values");
		refused("typed",
				jwt(ec, (claims) -> claims.audience("coffer").claim("run_attempt", 1).claim("protected", false)),
				"error validating claims: claim \"protected\" does not match any associated bound claim values");
		refused("typed",
				jwt(KEY, (claims) -> claims.audience("coffer").claim("run_attempt", 1).claim("protected", true)),
				"error validating token: token signed with an unsupported algorithm");
	}

	@Test
	void aJwksOverHttpsIsTrustedThroughJwksCaPemOnly(@TempDir Path dir) throws Exception {
		this.provider = TestIdentityProvider.https(dir);
		this.provider.publish(KEY);

		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("jwks_url", this.provider.jwksUrl())))
			.hasMessageStartingWith("error checking jwks URL: ");
		call(Operation.UPDATE, "config",
				Map.of("jwks_url", this.provider.jwksUrl(), "jwks_ca_pem", this.provider.certificatePem()));
		role("web", Map.of());

		assertThat(login("web", jwt((claims) -> claims.audience("coffer"))).auth()).containsKey("client_token");
	}

	@Test
	void aDiscoveryDocumentNamingAnotherIssuerIsRefusedAndNothingIsStored() throws IOException {
		this.provider = new TestIdentityProvider();
		this.provider.discoveryNamesIssuer("https://other.example");

		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("oidc_discovery_url", this.provider.issuer())))
			.hasMessageStartingWith("error checking oidc discovery URL: error creating provider with given values: "
					+ "oidc: issuer did not match the issuer returned by provider");
		assertThatThrownBy(() -> call(Operation.READ, "config", Map.of())).extracting(JwtAuthTest::status)
			.isEqualTo(404);
	}

	@Test
	void everyBrokenRuleIsRefusedWithVaultsMessage() {
		call(Operation.UPDATE, "config",
				Map.of("jwt_validation_pubkeys", List.of(pem(KEY)), "bound_issuer", "https://idp.example"));
		role("strict", Map.of("bound_subject", "alice", "bound_claims_type", "glob", "bound_claims",
				Map.of("ref", List.of("refs/heads/main", "refs/tags/v*"))));
		Consumer<JWTClaimsSet.Builder> good = (claims) -> claims.issuer("https://idp.example")
			.audience("coffer")
			.subject("alice")
			.claim("ref", "refs/tags/v1.2");
		assertThat(login("strict", jwt(good)).auth()).containsKey("client_token");
		Instant now = this.fixture.clock.instant();

		refused("strict", jwt(good.andThen((claims) -> claims.expirationTime(Date.from(now.minusSeconds(600))))),
				"error validating token: token is expired (exp)");
		refused("strict", jwt(good.andThen((claims) -> claims.notBeforeTime(Date.from(now.plusSeconds(600))))),
				"error validating token: token not valid yet (nbf)");
		refused("strict", jwt(good.andThen((claims) -> claims.audience("someone-else"))),
				"error validating token: invalid audience (aud) claim");
		refused("strict", jwt(good.andThen((claims) -> claims.issuer("https://evil.example"))),
				"error validating token: invalid issuer (iss) claim");
		refused("strict", jwt(good.andThen((claims) -> claims.subject("mallory"))),
				"error validating token: invalid subject (sub) claim");
		refused("strict", jwt(good.andThen((claims) -> claims.claim("ref", "refs/heads/feature"))),
				"error validating claims: claim \"ref\" does not match any associated bound claim values");
		refused("strict", jwt(good.andThen((claims) -> claims.claim("ref", null))),
				"error validating claims: claim \"ref\" is missing");
		refused("strict", jwt(TestIdentityProvider.ecKey("ec"), good),
				"error validating token: token signed with an unsupported algorithm");
		refused("strict", new PlainJWT(claims(good)).serialize(),
				"error validating token: token signed with an unsupported algorithm");
		refused("strict", jwt(TestIdentityProvider.rsaKey("other"), good),
				"error validating token: failed to verify signature");
		refused("strict", "not.a.jwt", "error validating token: malformed JWT");
	}

	@Test
	void aTamperedPayloadFailsTheSignatureAndTheErrorRepeatsNothingOfTheJwt() {
		configurePem();
		role("web", Map.of("token_policies", "web"));
		String[] parts = jwt((claims) -> claims.audience("coffer").claim("email", "alice@example.com")).split("\\.");
		String forged = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(claims((claims) -> claims.audience("coffer").claim("email", "root@example.com")).toString()
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String tampered = parts[0] + "." + forged + "." + parts[2];

		assertThatThrownBy(() -> login("web", tampered)).isInstanceOf(VaultException.class)
			.hasMessage("error validating token: failed to verify signature")
			.satisfies((ex) -> assertThat(String.join(" ", ((VaultException) ex).errors())).doesNotContain(parts[0])
				.doesNotContain(forged)
				.doesNotContain(parts[2])
				.doesNotContain("root@example.com"));
	}

	@Test
	void leewaysWidenOrNarrowTheTimeChecks() {
		configurePem();
		Instant now = this.fixture.clock.instant();
		String expiredTwoMinutesAgo = jwt(
				(claims) -> claims.audience("coffer").expirationTime(Date.from(now.minusSeconds(120))));
		role("lenient", Map.of());
		role("exact", Map.of("clock_skew_leeway", -1, "expiration_leeway", "-1"));

		assertThat(login("lenient", expiredTwoMinutesAgo).auth()).containsKey("client_token");
		refused("exact", expiredTwoMinutesAgo, "error validating token: token is expired (exp)");
		this.fixture.clock.advance(Duration.ofMinutes(5));
		refused("lenient", expiredTwoMinutesAgo, "error validating token: token is expired (exp)");
	}

	@Test
	void anAudienceInTheJwtNeedsAudiencesBoundToTheRole() {
		configurePem();
		call(Operation.UPDATE, "role/sub", Map.of("role_type", "jwt", "bound_subject", "svc", "user_claim", "sub"));

		refused("sub", jwt((claims) -> claims.subject("svc").audience("coffer")),
				"audience claim found in JWT but no audiences bound to the role");
		assertThat(login("sub", jwt((claims) -> claims.subject("svc"))).auth()).containsKey("client_token");
	}

	@Test
	void missingOrUnusableUserAndGroupsClaimsRefuseTheLogin() {
		configurePem();
		role("groups", Map.of("user_claim", "email", "groups_claim", "groups"));

		refused("groups", jwt((claims) -> claims.audience("coffer").claim("groups", List.of("a"))),
				"claim \"email\" not found in token");
		refused("groups", jwt((claims) -> claims.audience("coffer").claim("email", 42).claim("groups", List.of("a"))),
				"claim \"email\" could not be converted to string");
		refused("groups", jwt((claims) -> claims.audience("coffer").claim("email", "a@b")),
				"failed to fetch groups: \"groups\" claim not found in token");
		assertThat(login("groups",
				jwt((claims) -> claims.audience("coffer").claim("email", "a@b").claim("groups", List.of("a", "b"))))
			.auth()).containsKey("client_token");
	}

	@Test
	void theGroupsClaimIsReportedAsTheLoginsGroupAliases() {
		configurePem();
		role("listed", Map.of("groups_claim", "/org/teams"));
		role("plain", Map.of());

		assertThat(grant("listed",
				jwt((claims) -> claims.audience("coffer").claim("org", Map.of("teams", List.of("dev", "ops")))))
			.groupAliases()).containsExactly("dev", "ops");
		// A single string is a one-group list, as Vault's normalizeList makes it.
		assertThat(grant("listed", jwt((claims) -> claims.audience("coffer").claim("org", Map.of("teams", "dev"))))
			.groupAliases()).containsExactly("dev");
		assertThat(grant("plain", jwt((claims) -> claims.audience("coffer").claim("groups", List.of("dev"))))
			.groupAliases()).isEmpty();
		assertThatThrownBy(() -> grant("listed",
				jwt((claims) -> claims.audience("coffer").claim("org", Map.of("teams", List.of("dev", 7))))))
			.hasMessage("value in groups claim could not be parsed as string");
	}

	@Test
	void loginsNamingNoUsableRoleOrNoJwtAreRefused() {
		assertThatThrownBy(() -> login("web", "x")).hasMessage("could not load configuration");
		configurePem();
		assertThatThrownBy(() -> loginWith(Map.of("jwt", "x"))).hasMessage("missing role");
		assertThatThrownBy(() -> login("nope", "x")).hasMessage("role \"nope\" could not be found");
		role("web", Map.of());
		assertThatThrownBy(() -> loginWith(Map.of("role", "web"))).hasMessage("missing token");
	}

	@Test
	void aRoleBoundToAddressesRefusesLoginsFromElsewhereWith403() {
		configurePem();
		role("office", Map.of("token_bound_cidrs", "10.0.0.0/8"));
		String jwt = jwt((claims) -> claims.audience("coffer"));

		assertThatThrownBy(() -> FromAddress.call("192.0.2.1", () -> login("office", jwt)))
			.hasMessage("permission denied")
			.extracting(JwtAuthTest::status)
			.isEqualTo(403);
		String token = (String) FromAddress.call("10.1.2.3", () -> login("office", jwt)).auth().get("client_token");
		assertThat(this.fixture.entry(token).boundCidrs()).containsExactly("10.0.0.0/8");
	}

	@Test
	void theConfigNeedsExactlyOneKeySourceAndValidValues() {
		String exactlyOne = "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set";
		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("bound_issuer", "x"))).hasMessage(exactlyOne);
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("jwt_validation_pubkeys", List.of(pem(KEY)), "jwks_url", "https://idp.example/jwks")))
			.hasMessage(exactlyOne);
		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("jwt_validation_pubkeys", List.of("nope"))))
			.hasMessageStartingWith("error parsing public key");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("jwt_validation_pubkeys", List.of(pem(KEY)), "jwt_supported_algs", "HS256")))
			.hasMessage("Invalid supported algorithm: HS256");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("jwks_url", "http://127.0.0.1:1/jwks", "jwks_ca_pem", "garbage")))
			.hasMessage("error checking jwks_ca_pem: could not parse CA PEM value successfully");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("jwks_url", "http://127.0.0.1:1/jwks")))
			.hasMessageStartingWith("error checking jwks URL: ");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("oidc_discovery_url", "https://idp.example", "oidc_client_id", "app")))
			.hasMessageStartingWith("field \"oidc_client_id\" is not supported");
		assertThatThrownBy(() -> call(Operation.READ, "config", Map.of())).extracting(JwtAuthTest::status)
			.isEqualTo(404);

		configurePem();
		assertThat(call(Operation.READ, "config", Map.of()).data())
			.containsEntry("jwt_validation_pubkeys", List.of(pem(KEY).trim()))
			.containsEntry("jwks_url", "");
	}

	@Test
	void rolesAreCheckedAsVaultChecksThemAndOidcRolesAreRefusedForNow() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r", Map.of("user_claim", "sub", "bound_subject", "s")))
			.hasMessageContaining("role_type \"oidc\" is not supported")
			.extracting(JwtAuthTest::status)
			.isEqualTo(400);
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("role_type", "oidc", "user_claim", "sub", "allowed_redirect_uris", "https://x")))
			.hasMessageStartingWith("field \"allowed_redirect_uris\" is not supported");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r", Map.of("role_type", "jwt", "bound_subject", "s")))
			.hasMessage("a user claim must be defined on the role");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r", Map.of("role_type", "jwt", "user_claim", "sub")))
			.hasMessage("must have at least one bound constraint when creating/updating a role");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("role_type", "jwt", "user_claim", "sub", "bound_subject", "s", "bound_claims_type", "regex")))
			.hasMessage("invalid 'bound_claims_type': regex");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("role_type", "jwt", "user_claim", "sub", "bound_subject", "s", "claim_mappings",
						Map.of("x", "role"))))
			.hasMessage("metadata key \"role\" is reserved and may not be a mapping destination");
		assertThatThrownBy(() -> call(Operation.LIST, "role/", Map.of())).extracting(JwtAuthTest::status)
			.isEqualTo(404);

		role("Web", Map.of("token_policies", "web", "token_ttl", "5m"));
		call(Operation.UPDATE, "role/web", Map.of("bound_subject", "svc"));
		assertThat(call(Operation.READ, "role/web", Map.of()).data()).containsEntry("role_type", "jwt")
			.containsEntry("bound_audiences", List.of("coffer"))
			.containsEntry("bound_subject", "svc")
			.containsEntry("user_claim", "sub")
			.containsEntry("token_policies", List.of("web"))
			.containsEntry("token_ttl", 300L);
		assertThat(call(Operation.LIST, "role/", Map.of()).data()).containsEntry("keys", List.of("web"));
		call(Operation.DELETE, "role/web", Map.of());
		assertThatThrownBy(() -> call(Operation.READ, "role/web", Map.of())).extracting(JwtAuthTest::status)
			.isEqualTo(404);
	}

	@Test
	void onlyLoginIsUnauthenticatedAndTheOidcFlowIsAbsent() {
		assertThat(this.method.isLoginPath("login")).isTrue();
		assertThat(this.method.isLoginPath("role/web")).isFalse();
		assertThat(this.method.isLoginPath("oidc/auth_url")).isFalse();
		assertThatThrownBy(() -> call(Operation.UPDATE, "oidc/auth_url", Map.of("role", "web")))
			.extracting(JwtAuthTest::status)
			.isEqualTo(404);
		assertThatThrownBy(() -> call(Operation.READ, "oidc/callback", Map.of())).extracting(JwtAuthTest::status)
			.isEqualTo(404);
	}

	private void configurePem() {
		call(Operation.UPDATE, "config", Map.of("jwt_validation_pubkeys", List.of(pem(KEY))));
	}

	/** A jwt role bound to audience {@code coffer}, user claim {@code sub}. */
	private void role(String name, Map<String, Object> more) {
		Map<String, Object> data = new HashMap<>(
				Map.of("role_type", "jwt", "bound_audiences", "coffer", "user_claim", "sub"));
		data.putAll(more);
		call(Operation.UPDATE, "role/" + name, data);
	}

	private String jwt(Consumer<JWTClaimsSet.Builder> claims) {
		return jwt(KEY, claims);
	}

	private String jwt(com.nimbusds.jose.jwk.JWK key, Consumer<JWTClaimsSet.Builder> claims) {
		return TestIdentityProvider.sign(key, this.fixture.clock.instant(),
				((Consumer<JWTClaimsSet.Builder>) (builder) -> builder.subject("alice")).andThen(claims));
	}

	private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> claims) {
		Instant now = this.fixture.clock.instant();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("alice")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)));
		claims.accept(builder);
		return builder.build();
	}

	private static String pem(RSAKey key) {
		try {
			return TestIdentityProvider.pem(key.toRSAPublicKey());
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void refused(String role, String jwt, String message) {
		assertThatThrownBy(() -> login(role, jwt)).isInstanceOf(VaultException.class)
			.hasMessage(message)
			.extracting(JwtAuthTest::status)
			.isEqualTo(400);
	}

	private LoginGrant grant(String role, String jwt) {
		return this.method
			.login(new LogicalRequest(Operation.UPDATE, "login", Map.of("role", role, "jwt", jwt), this.mount, "req"));
	}

	private LogicalResponse login(String role, String jwt) {
		return loginWith(Map.of("role", role, "jwt", jwt));
	}

	private LogicalResponse loginWith(Map<String, Object> data) {
		LogicalRequest request = new LogicalRequest(Operation.UPDATE, "login", data, this.mount, "req");
		return this.fixture.issuer.login(this.method.login(request));
	}

	private LogicalResponse call(Operation operation, String path, Map<String, Object> data) {
		LogicalRequest request = new LogicalRequest(operation, path, data, this.mount, "req");
		if (operation == Operation.UPDATE && !this.method.exists(request)) {
			request = new LogicalRequest(Operation.CREATE, path, data, this.mount, "req");
		}
		return this.method.handle(request);
	}

	private static int status(Throwable ex) {
		return ((VaultException) ex).status();
	}

}
