package io.coffer.e2e.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Kubernetes API server in the test JVM, for the secrets nodes to call as they call a
 * cluster's: HTTPS on the loopback address with a self-signed certificate (made by the
 * JDK's {@code keytool}; {@link #caCert()} is what {@code kubernetes_ca_cert} trusts),
 * answering {@code POST /apis/authentication.k8s.io/v1/tokenreviews} as the API server
 * does. A token {@linkplain #vouchFor vouched for} here is authenticated as
 * {@code system:serviceaccount:<namespace>:<name>} with its UID when the review asks for
 * none of its audiences or one it has; any other token is not authenticated. Only reviews
 * bearing {@link #REVIEWER} are served (401 otherwise), and each one served is counted.
 */
public final class KubernetesApiServer implements AutoCloseable {

	/** The token reviewer's own token, the bearer the API server accepts. */
	public static final String REVIEWER = "e2e-token-reviewer";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpsServer server;

	private final String certificatePem;

	private final Map<String, ServiceAccountToken> live = new ConcurrentHashMap<>();

	private final List<String> reviewed = new CopyOnWriteArrayList<>();

	private KubernetesApiServer(HttpsServer server, String certificatePem) {
		this.server = server;
		this.certificatePem = certificatePem;
		this.server.createContext("/apis/authentication.k8s.io/v1/tokenreviews", this::review);
		this.server.start();
	}

	/** Starts the server; its key store is written to {@code dir}. */
	public static KubernetesApiServer start(Path dir)
			throws IOException, GeneralSecurityException, InterruptedException {
		Path store = dir.resolve("kube-apiserver.p12");
		keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=kube-apiserver", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", "changeit");
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context));
		String pem = "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getCertificate("api").getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
		return new KubernetesApiServer(server, pem);
	}

	/** The base URL, {@code kubernetes_host}. */
	public String url() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The PEM certificate the server presents (its own CA). */
	public String caCert() {
		return this.certificatePem;
	}

	/** From now on the API server says {@code jwt} is a live token of {@code account}. */
	public void vouchFor(String jwt, ServiceAccountToken account) {
		this.live.put(jwt, account);
	}

	/** The tokens reviewed so far, in order. */
	public List<String> reviewedTokens() {
		return List.copyOf(this.reviewed);
	}

	private void review(HttpExchange exchange) throws IOException {
		JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
		if (!exchange.getRequestMethod().equals("POST")) {
			respond(exchange, 405, Map.of("kind", "Status", "status", "Failure", "code", 405));
			return;
		}
		if (!("Bearer " + REVIEWER).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "message",
					"Unauthorized", "reason", "Unauthorized", "code", 401));
			return;
		}
		String token = body.path("spec").path("token").asString("");
		this.reviewed.add(token);
		List<String> wanted = new ArrayList<>();
		body.path("spec").path("audiences").forEach((audience) -> wanted.add(audience.asString()));
		ServiceAccountToken account = this.live.get(token);
		Map<String, Object> status = new LinkedHashMap<>();
		if (account == null || !wanted.isEmpty() && wanted.stream().noneMatch(account.audiences()::contains)) {
			status.put("authenticated", false);
			status.put("error", (account == null) ? "[invalid bearer token, service account token has been invalidated]"
					: "[invalid bearer token, token audiences is invalid for the target audiences]");
		}
		else {
			List<String> granted = new ArrayList<>(wanted.isEmpty() ? account.audiences() : wanted);
			granted.retainAll(account.audiences());
			status.put("authenticated", true);
			status.put("user",
					Map.of("username", account.subject(), "uid", account.uid(), "groups",
							List.of("system:serviceaccounts", "system:serviceaccounts:" + account.namespace(),
									"system:authenticated")));
			status.put("audiences", granted);
		}
		respond(exchange, 201, Map.of("kind", "TokenReview", "apiVersion", "authentication.k8s.io/v1", "spec",
				body.path("spec"), "status", status));
	}

	private static void respond(HttpExchange exchange, int code, Map<String, Object> body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(code, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void keytool(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
