package io.coffer.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.coffer.e2e.kubernetes.KubernetesApiServer;
import io.coffer.e2e.kubernetes.ServiceAccountIssuer;
import io.coffer.e2e.kubernetes.ServiceAccountToken;
import io.coffer.e2e.kubernetesclient.KubernetesClientApplication;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.vault.authentication.SessionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring Cloud Vault, unchanged, logging in with {@code authentication: KUBERNETES} as a
 * pod does: it posts the service-account token read from
 * {@code service-account-token-file} to {@code auth/kubernetes/login} through the
 * gateway; the secrets node checks it against the mount's {@code pem_keys} and the role,
 * then asks the Kubernetes API (a TokenReview server in this JVM, over HTTPS trusted
 * through {@code kubernetes_ca_cert}) whether it is live; the token it gets reads the
 * application's key-value secret into its Environment. A token of a service account the
 * role does not bind gets no Vault token, so the application does not start.
 */
class SpringCloudVaultKubernetesIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static final ServiceAccountToken ORDERS = new ServiceAccountToken("shop", "orders",
			"0b6a3f2e-7c41-4d58-9e1a-5f3c2b8d4e71", List.of("vault"));

	private static final ServiceAccountToken BILLING = new ServiceAccountToken("shop", "billing",
			"9c2d1e4f-3a5b-4c6d-8e7f-1a2b3c4d5e6f", List.of("vault"));

	@TempDir
	static Path dir;

	private static KubernetesApiServer api;

	private static final ServiceAccountIssuer CLUSTER = new ServiceAccountIssuer();

	@BeforeAll
	static void configureKubernetesAuth() throws Exception {
		api = KubernetesApiServer.start(dir);
		VaultHttp http = coffer.cluster().http();
		String root = coffer.cluster().rootToken();
		http.post("sys/auth/kubernetes", Map.of("type", "kubernetes"), root).requireSuccess();
		http.post("auth/kubernetes/config",
				Map.of("kubernetes_host", api.url(), "kubernetes_ca_cert", api.caCert(), "token_reviewer_jwt",
						KubernetesApiServer.REVIEWER, "pem_keys", List.of(CLUSTER.publicKeyPem()), "issuer",
						ServiceAccountIssuer.ISSUER, "disable_iss_validation", false, "disable_local_ca_jwt", true),
				root)
			.requireSuccess();
		http.put("sys/policy/k8s-orders",
				Map.of("policy", "path \"secret/data/k8s-orders\" {\n  capabilities = [\"read\"]\n}\n"), root)
			.requireSuccess();
		http.post("auth/kubernetes/role/app",
				Map.of("bound_service_account_names", "orders", "bound_service_account_namespaces", "shop", "audience",
						"vault", "token_policies", "k8s-orders", "token_ttl", "10m"),
				root)
			.requireSuccess();
		http.post("secret/data/k8s-orders", Map.of("data", Map.of("orders.api-key", "k8s-e2e-4f1c9a")), root)
			.requireSuccess();
	}

	@AfterAll
	static void stopTheApiServer() {
		if (api != null) {
			api.close();
		}
	}

	@Test
	void theBoundServiceAccountsTokenLogsInAndItsVaultTokenReadsTheApplicationsSecret() throws Exception {
		CofferCluster cluster = coffer.cluster();
		String jwt = CLUSTER.issue(ORDERS);
		api.vouchFor(jwt, ORDERS);

		ConfigurableApplicationContext application = start(tokenFile("orders", jwt));
		String vaultToken;
		try {
			assertThat(application.getEnvironment().getProperty("orders.api-key")).isEqualTo("k8s-e2e-4f1c9a");
			assertThat(api.reviewedTokens()).as("the node asked the Kubernetes API").contains(jwt);
			vaultToken = application.getBean(SessionManager.class).getSessionToken().getToken();
			JsonNode self = cluster.http().get("auth/token/lookup-self", vaultToken).requireSuccess().json();
			assertThat(self.at("/data/display_name").asString()).isEqualTo("kubernetes-shop-orders");
			assertThat(self.at("/data/path").asString()).isEqualTo("auth/kubernetes/login");
			assertThat(self.at("/data/meta/service_account_uid").asString()).isEqualTo(ORDERS.uid());
			assertThat(self.at("/data/policies").valueStream().map(JsonNode::asString))
				.containsExactlyInAnyOrder("default", "k8s-orders");
			assertThat(cluster.http().get("secret/data/application", vaultToken).status()).as("the role's policy only")
				.isEqualTo(403);
		}
		finally {
			application.close();
		}
		assertThat(cluster.http().get("auth/token/lookup-self", vaultToken).status())
			.as("Spring Vault revokes its login token on shutdown")
			.isEqualTo(403);
	}

	@Test
	void aServiceAccountTheRoleDoesNotBindGetsNoTokenAndTheApplicationDoesNotStart() throws Exception {
		String jwt = CLUSTER.issue(BILLING);
		api.vouchFor(jwt, BILLING);

		VaultReply login = coffer.cluster()
			.http()
			.post("auth/kubernetes/login", Map.of("role", "app", "jwt", jwt), null);
		assertThat(login.status()).isEqualTo(403);
		assertThat(login.json().at("/errors/0").asString()).isEqualTo("service account name not authorized");

		Path file = tokenFile("billing", jwt);
		assertThatThrownBy(() -> start(file).close())
			.hasStackTraceContaining("Cannot login using Kubernetes: service account name not authorized");
		assertThat(api.reviewedTokens()).as("refused before any review").doesNotContain(jwt);
	}

	private static ConfigurableApplicationContext start(Path tokenFile) {
		return new SpringApplicationBuilder(KubernetesClientApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.application.name=k8s-orders",
					"spring.config.import=vault://", "spring.cloud.vault.uri=" + coffer.cluster().gatewayUri(),
					"spring.cloud.vault.fail-fast=true", "spring.cloud.vault.authentication=KUBERNETES",
					"spring.cloud.vault.kubernetes.role=app",
					"spring.cloud.vault.kubernetes.kubernetes-path=kubernetes",
					"spring.cloud.vault.kubernetes.service-account-token-file=" + tokenFile,
					"spring.cloud.vault.kv.enabled=true", "spring.cloud.vault.kv.backend=secret",
					"spring.cloud.vault.kv.default-context=")
			.run();
	}

	/** The token as the kubelet projects it into the pod. */
	private static Path tokenFile(String name, String jwt) throws Exception {
		Path file = dir.resolve(name + "-token");
		Files.writeString(file, jwt);
		return file;
	}

}
