package io.coffer.secrets.auth.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.jwt.TestIdentityProvider;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kubernetes auth method against a TokenReview server over HTTPS (its certificate
 * given as {@code kubernetes_ca_cert}) and service-account JWTs signed in the test.
 */
class KubernetesAuthTest {

	private static final RSAKey CLUSTER_KEY = TestIdentityProvider.rsaKey("sa");

	private static final String UID = "6f1b8a5e-0c1d-4e2f-9a3b-1c2d3e4f5a6b";

	@TempDir
	static Path dir;

	private static TestKubernetesApi api;

	private final TokenFixture fixture = new TokenFixture();

	private final MountEntry mount = new MountEntry("auth/kubernetes/", "kubernetes", "", "auth_kubernetes_1",
			UUID.randomUUID().toString(), new MountEntry.MountConfig(0, 7200, false), null);

	private final BarrierView view = this.fixture.barrier.view("auth/" + this.mount.uuid() + "/");

	private final Path podDir = dir.resolve("pod-" + UUID.randomUUID());

	private final AuthMethod method = new KubernetesAuthFactory(this.fixture.clock, this.podDir).create(this.mount,
			this.view);

	@BeforeAll
	static void startApi() throws Exception {
		api = TestKubernetesApi.start(dir);
	}

	@AfterAll
	static void stopApi() {
		api.close();
	}

	@Test
	void aLiveServiceAccountTokenLogsInThroughTheTokenReviewWithTheRolesPolicies() {
		configure(Map.of());
		role("app", Map.of("bound_service_account_names", "vault-auth,web-*", "bound_service_account_namespaces",
				"default,team-*", "token_policies", "web,ops", "token_ttl", "10m", "token_max_ttl", "1h"));
		String jwt = token("team-blue", "web-frontend", List.of("https://kubernetes.default.svc"));
		int before = api.reviews.size();

		LogicalResponse login = login("app", jwt);

		assertThat(login.auth()).containsEntry("policies", List.of("default", "ops", "web"))
			.containsEntry("lease_duration", 600L)
			.containsEntry("metadata",
					Map.of("role", "app", "service_account_name", "web-frontend", "service_account_namespace",
							"team-blue", "service_account_uid", UID, "service_account_secret_name", ""));
		TokenEntry entry = this.fixture.entry((String) login.auth().get("client_token"));
		assertThat(entry.displayName()).isEqualTo("kubernetes-team-blue-web-frontend");
		assertThat(entry.path()).isEqualTo("auth/kubernetes/login");
		assertThat(api.reviews).hasSize(before + 1);
		TestKubernetesApi.Review review = api.reviews.get(before);
		assertThat(review.bearer()).isEqualTo(TestKubernetesApi.REVIEWER);
		assertThat(review.spec()).containsEntry("token", jwt)
			.containsEntry("audiences", List.of("https://kubernetes.default.svc"));
	}

	@Test
	void serviceAccountsOutsideTheRolesNamesOrNamespacesAreRefusedWithoutAReview() {
		configure(Map.of());
		role("app", Map.of("bound_service_account_names", "web-*", "bound_service_account_namespaces", "team-*"));
		int before = api.reviews.size();

		refused("app", token("team-blue", "db", List.of()), 403, "service account name not authorized");
		refused("app", token("kube-system", "web-x", List.of()), 403, "namespace not authorized");
		assertThat(api.reviews).hasSize(before);

		role("any", Map.of("bound_service_account_names", "*", "bound_service_account_namespaces", "*"));
		assertThat(login("any", token("kube-system", "db", List.of())).auth()).containsKey("client_token");
	}

	@Test
	void aRoleWithTokenTypeBatchIssuesBatchTokens() {
		configure(Map.of());
		role("jobs", Map.of("token_type", "batch"));

		LogicalResponse login = login("jobs", token("default", "vault-auth", List.of()));

		assertThat((String) login.auth().get("client_token")).startsWith("hvb.");
		assertThat(login.auth()).containsEntry("token_type", "batch");
		assertThat(call(Operation.READ, "role/jobs", Map.of()).data()).containsEntry("token_type", "batch");
	}

	@Test
	void aNamespaceSelectorAdmitsNamespacesByTheirLabelsReadWithTheReviewerToken() {
		api.namespace("payments", Map.of("vault", "enabled", "team", "blue"));
		api.namespace("sandbox", Map.of("vault", "disabled"));
		configure(Map.of());
		call(Operation.UPDATE, "role/yaml", Map.of("bound_service_account_names", "vault-auth",
				"bound_service_account_namespace_selector", "matchLabels:\n  vault: enabled\n"));
		call(Operation.UPDATE, "role/json",
				Map.of("bound_service_account_names", "vault-auth", "bound_service_account_namespaces", "sandbox",
						"bound_service_account_namespace_selector", "{\"matchLabels\":{\"team\":\"blue\"}}"));

		assertThat(login("yaml", token("payments", "vault-auth", List.of())).auth()).containsKey("client_token");
		refused("yaml", token("sandbox", "vault-auth", List.of()), 403, "namespace not authorized");
		refused("yaml", token("missing", "vault-auth", List.of()), 403,
				"namespace not authorized err=failed to get namespace (code 404)");
		refused("yaml", token("../x", "vault-auth", List.of()), 403, "namespace not authorized");
		assertThat(login("json", token("payments", "vault-auth", List.of())).auth()).containsKey("client_token");
		assertThat(login("json", token("sandbox", "vault-auth", List.of())).auth()).containsKey("client_token");

		call(Operation.UPDATE, "config",
				Map.of("kubernetes_host", api.url(), "kubernetes_ca_cert", api.caCert(), "disable_local_ca_jwt", true));
		refused("yaml", token("payments", "vault-auth", List.of()), 403, "namespace not authorized err=namespace "
				+ "lookup failed: TokenReviewer JWT needs to be configured to use namespace selectors");
	}

	@Test
	void aTokenTheApiServerNoLongerVouchesForIsRefusedWithPermissionDenied() {
		configure(Map.of());
		role("app", Map.of());
		String jwt = token("default", "vault-auth", List.of());
		api.revoke(jwt);

		refused("app", jwt, 403, "permission denied");
	}

	@Test
	void aReviewNamingAnotherAccountThanTheJwtIsRefused() {
		configure(Map.of());
		role("app", Map.of("bound_service_account_names", "*", "bound_service_account_namespaces", "*"));
		String otherName = token("default", "vault-auth", List.of());
		api.vouchAs(otherName, "default", "admin", UID);
		String otherUid = token("default", "vault-auth", List.of());
		api.vouchAs(otherUid, "default", "vault-auth", "another-uid");
		String otherNamespace = token("default", "vault-auth", List.of());
		api.vouchAs(otherNamespace, "kube-system", "vault-auth", UID);

		refused("app", otherName, 403, "permission denied");
		refused("app", otherUid, 403, "permission denied");
		refused("app", otherNamespace, 403, "permission denied");
	}

	@Test
	void unknownRolesAndMissingFieldsAreVaults400s() {
		configure(Map.of());
		role("app", Map.of());
		String jwt = token("default", "vault-auth", List.of());

		refused("nope", jwt, 400, "invalid role name \"nope\"");
		refused("../app", jwt, 400, "invalid role name \"../app\"");
		assertThatThrownBy(() -> loginWith(Map.of("jwt", jwt))).hasMessage("missing role");
		assertThatThrownBy(() -> loginWith(Map.of("role", "app"))).hasMessage("missing jwt");
	}

	@Test
	void theRolesAudienceMustBeInTheJwtAndIsTheOneTheReviewAsksFor() {
		configure(Map.of());
		role("aud", Map.of("audience", "vault"));

		refused("aud", token("default", "vault-auth", List.of("https://kubernetes.default.svc")), 403,
				"invalid audience (aud) claim");
		int before = api.reviews.size();
		assertThat(login("aud", token("default", "vault-auth", List.of("vault", "other"))).auth())
			.containsKey("client_token");
		assertThat(api.reviews.get(before).spec()).containsEntry("audiences", List.of("vault"));
	}

	@Test
	void pemKeysVerifyTheSignatureLocallyBeforeTheReview() {
		RSAKey other = TestIdentityProvider.rsaKey("other");
		configure(Map.of("pem_keys", List.of(pem(CLUSTER_KEY))));
		role("app", Map.of());
		int before = api.reviews.size();

		refused("app", api.issue(other, now(), "default", "vault-auth", UID, List.of()), 403, "permission denied");
		refused("app", api.issue(CLUSTER_KEY, now().minusSeconds(7200), "default", "vault-auth", UID, List.of()), 403,
				"invalid expiration time (exp) claim: token is expired");
		assertThat(api.reviews).hasSize(before);

		assertThat(login("app", token("default", "vault-auth", List.of())).auth()).containsKey("client_token");
		assertThat(api.reviews).hasSize(before + 1);
	}

	@Test
	void aLegacySecretTokenWithoutExpiryLogsInWithItsSecretNameAndIssuer() {
		configure(Map.of("pem_keys", List.of(pem(CLUSTER_KEY)), "issuer", "kubernetes/serviceaccount",
				"disable_iss_validation", false));
		role("app", Map.of("alias_name_source", "serviceaccount_name"));

		LogicalResponse login = login("app",
				api.issueLegacy(CLUSTER_KEY, "default", "vault-auth", UID, "vault-auth-token-x7k2p"));

		assertThat(login.auth()).containsEntry("metadata",
				Map.of("role", "app", "service_account_name", "vault-auth", "service_account_namespace", "default",
						"service_account_uid", UID, "service_account_secret_name", "vault-auth-token-x7k2p"));
	}

	@Test
	void theIssuerIsCheckedOnlyWhenValidationIsEnabled() {
		configure(Map.of("issuer", "https://issuer.example", "disable_iss_validation", false));
		role("app", Map.of());
		refused("app", token("default", "vault-auth", List.of()), 403, "invalid issuer (iss) claim");

		configure(Map.of("issuer", "https://issuer.example"));
		assertThat(login("app", token("default", "vault-auth", List.of())).auth()).containsKey("client_token");
	}

	@Test
	void withoutAReviewerTokenThePodsOwnIsUsedThenTheLoginsJwt() throws Exception {
		role("app", Map.of());
		Files.createDirectories(this.podDir);
		Files.writeString(this.podDir.resolve("token"), TestKubernetesApi.REVIEWER + "\n");
		Files.writeString(this.podDir.resolve("ca.crt"), api.caCert());
		call(Operation.UPDATE, "config", Map.of("kubernetes_host", api.url()));
		int before = api.reviews.size();

		assertThat(login("app", token("default", "vault-auth", List.of())).auth()).containsKey("client_token");
		assertThat(api.reviews.get(before).bearer()).isEqualTo(TestKubernetesApi.REVIEWER);

		call(Operation.UPDATE, "config",
				Map.of("kubernetes_host", api.url(), "kubernetes_ca_cert", api.caCert(), "disable_local_ca_jwt", true));
		String jwt = token("default", "vault-auth", List.of());
		assertThat(login("app", jwt).auth()).containsKey("client_token");
		assertThat(api.reviews.get(before + 1).bearer()).isEqualTo(jwt);
	}

	@Test
	void anApiServerWhoseCertificateIsNotTrustedNeverVouches() {
		call(Operation.UPDATE, "config", Map.of("kubernetes_host", api.url(), "token_reviewer_jwt",
				TestKubernetesApi.REVIEWER, "disable_local_ca_jwt", true));
		role("app", Map.of());
		int before = api.reviews.size();

		refused("app", token("default", "vault-auth", List.of()), 403, "permission denied");
		assertThat(api.reviews).hasSize(before);
	}

	@Test
	void theConfigIsCheckedAndItsReadNeverReturnsTheReviewerToken() {
		assertThatThrownBy(() -> call(Operation.READ, "config", Map.of())).extracting(KubernetesAuthTest::status)
			.isEqualTo(404);
		assertThatThrownBy(() -> call(Operation.UPDATE, "config", Map.of("kubernetes_ca_cert", api.caCert())))
			.hasMessage("no host provided");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("kubernetes_host", api.url(), "kubernetes_ca_cert", "not a certificate")))
			.hasMessage("The provided CA PEM data contains no valid certificates");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("kubernetes_host", api.url(), "pem_keys",
						List.of("-----BEGIN PUBLIC KEY-----\nAAAA\n" + "-----END PUBLIC KEY-----"))))
			.hasMessage("data does not contain any valid RSA or ECDSA public keys");
		assertThatThrownBy(() -> call(Operation.UPDATE, "config",
				Map.of("kubernetes_host", api.url(), "use_annotations_as_alias_metadata", true)))
			.extracting(KubernetesAuthTest::status)
			.isEqualTo(400);
		assertThatThrownBy(() -> call(Operation.READ, "config", Map.of())).extracting(KubernetesAuthTest::status)
			.isEqualTo(404);

		configure(Map.of("pem_keys", List.of(pem(CLUSTER_KEY))));

		Map<String, Object> read = call(Operation.READ, "config", Map.of()).data();
		assertThat(read).containsEntry("kubernetes_host", api.url())
			.containsEntry("kubernetes_ca_cert", api.caCert())
			.containsEntry("token_reviewer_jwt_set", true)
			.containsEntry("disable_local_ca_jwt", true)
			.containsEntry("disable_iss_validation", true)
			.containsEntry("pem_keys", List.of(pem(CLUSTER_KEY).trim()))
			.doesNotContainKey("token_reviewer_jwt");
		assertThat(read.toString()).doesNotContain(TestKubernetesApi.REVIEWER);
	}

	@Test
	void rolesAreValidatedReadListedAndDeletedAsVaults() {
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r", Map.of("bound_service_account_namespaces", "x")))
			.hasMessage("\"bound_service_account_names\" can not be empty");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r", Map.of("bound_service_account_names", "x")))
			.hasMessage("\"bound_service_account_namespaces\" can not be empty if "
					+ "\"bound_service_account_namespace_selector\" is not set");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("bound_service_account_names", "*,web", "bound_service_account_namespaces", "x")))
			.hasMessage("can not mix \"*\" with values");
		assertThatThrownBy(() -> role("r", Map.of("alias_name_source", "pod")))
			.hasMessage("invalid alias_name_source, must be one of: serviceaccount_uid, serviceaccount_name");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("bound_service_account_names", "x", "bound_service_account_namespace_selector",
						"{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}")))
			.hasMessage("invalid \"bound_service_account_namespace_selector\" configured");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/r",
				Map.of("bound_service_account_names", "x", "bound_service_account_namespace_selector", "[1, 2]")))
			.hasMessage("invalid \"bound_service_account_namespace_selector\" configured");
		assertThatThrownBy(() -> call(Operation.LIST, "role/", Map.of())).extracting(KubernetesAuthTest::status)
			.isEqualTo(404);

		LogicalResponse created = call(Operation.UPDATE, "role/Web", Map.of("bound_service_account_names", "web",
				"bound_service_account_namespaces", "default", "policies", "web", "ttl", "5m"));
		assertThat(created.warnings()).anyMatch((warning) -> warning.contains("does not have an audience"));
		call(Operation.UPDATE, "role/web", Map.of("audience", "vault", "alias_name_source", "serviceaccount_name"));

		assertThat(call(Operation.READ, "role/web", Map.of()).data())
			.containsEntry("bound_service_account_names", List.of("web"))
			.containsEntry("bound_service_account_namespaces", List.of("default"))
			.containsEntry("audience", "vault")
			.containsEntry("alias_name_source", "serviceaccount_name")
			.containsEntry("token_policies", List.of("web"))
			.containsEntry("token_ttl", 300L);
		call(Operation.UPDATE, "role/selected", Map.of("bound_service_account_names", "web",
				"bound_service_account_namespace_selector", "matchLabels:\n  vault: enabled\n"));
		assertThat(call(Operation.READ, "role/selected", Map.of()).data())
			.containsEntry("bound_service_account_namespaces", List.of())
			.containsEntry("bound_service_account_namespace_selector", "matchLabels:\n  vault: enabled");
		assertThatThrownBy(() -> call(Operation.UPDATE, "role/selected", Map.of("token_ttl", "1m")))
			.hasMessage("\"bound_service_account_namespaces\" can not be empty if "
					+ "\"bound_service_account_namespace_selector\" is not set");
		call(Operation.DELETE, "role/selected", Map.of());
		assertThat(call(Operation.LIST, "role/", Map.of()).data()).containsEntry("keys", List.of("web"));
		call(Operation.DELETE, "role/web", Map.of());
		assertThatThrownBy(() -> call(Operation.READ, "role/web", Map.of())).extracting(KubernetesAuthTest::status)
			.isEqualTo(404);
	}

	@Test
	void aLoginWithoutConfigIsRefusedAndOnlyLoginIsUnauthenticated() {
		role("app", Map.of());
		assertThatThrownBy(() -> login("app", token("default", "vault-auth", List.of())))
			.hasMessage("could not load backend configuration");
		assertThat(this.method.isLoginPath("login")).isTrue();
		assertThat(this.method.isLoginPath("role/app")).isFalse();
		assertThat(this.method.isLoginPath("config")).isFalse();
	}

	/** Config for the test API server with its CA and the reviewer token. */
	private void configure(Map<String, Object> more) {
		Map<String, Object> data = new HashMap<>(Map.of("kubernetes_host", api.url(), "kubernetes_ca_cert",
				api.caCert(), "token_reviewer_jwt", TestKubernetesApi.REVIEWER, "disable_local_ca_jwt", true));
		data.putAll(more);
		call(Operation.UPDATE, "config", data);
	}

	/** A role bound to {@code vault-auth} in {@code default}. */
	private void role(String name, Map<String, Object> more) {
		Map<String, Object> data = new HashMap<>(Map.of("bound_service_account_names", "vault-auth",
				"bound_service_account_namespaces", "default", "token_policies", "app"));
		data.putAll(more);
		call(Operation.UPDATE, "role/" + name, data);
	}

	private String token(String namespace, String name, List<String> audiences) {
		return api.issue(CLUSTER_KEY, now(), namespace, name, UID, audiences);
	}

	private Instant now() {
		return this.fixture.clock.instant();
	}

	private static String pem(RSAKey key) {
		try {
			return TestIdentityProvider.pem(key.toRSAPublicKey());
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void refused(String role, String jwt, int status, String message) {
		assertThatThrownBy(() -> login(role, jwt)).isInstanceOf(VaultException.class)
			.hasMessage(message)
			.extracting(KubernetesAuthTest::status)
			.isEqualTo(status);
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
