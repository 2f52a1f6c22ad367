package io.coffer.secrets.auth.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.coffer.secrets.auth.jwt.TestIdentityProvider;
import io.coffer.secrets.core.Json;

/**
 * A Kubernetes API server for tests: HTTPS on the loopback address with a self-signed
 * certificate (made by the JDK's {@code keytool}), answering
 * {@code POST /apis/authentication.k8s.io/v1/tokenreviews} as the API server does for the
 * service-account tokens {@linkplain #issue issued} here: authenticated with the
 * account's user name and UID when the token is live and valid for one of the requested
 * audiences, unauthenticated otherwise; and {@code GET /api/v1/namespaces/<name>} with
 * the {@linkplain #namespace labels set here}. Only requests bearing {@link #REVIEWER} or
 * a live service-account token are served (401 otherwise; namespaces only to
 * {@link #REVIEWER}); every review is recorded.
 */
public final class TestKubernetesApi implements AutoCloseable {

	/** The token reviewer's own token, accepted as bearer. */
	public static final String REVIEWER = "reviewer-token-1";

	private final HttpsServer server;

	private final String certificatePem;

	private final Map<String, Account> live = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> namespaces = new ConcurrentHashMap<>();

	/** Every review served: the bearer and the request body. */
	public final List<Review> reviews = new CopyOnWriteArrayList<>();

	private TestKubernetesApi(HttpsServer server, String certificatePem) {
		this.server = server;
		this.certificatePem = certificatePem;
		this.server.createContext("/apis/authentication.k8s.io/v1/tokenreviews", this::review);
		this.server.createContext("/api/v1/namespaces/", this::namespace);
		this.server.start();
	}

	public static TestKubernetesApi start(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
		Path store = dir.resolve("kube-api.p12");
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
		return new TestKubernetesApi(server, pem);
	}

	public String url() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The PEM certificate the server presents (its own CA). */
	public String caCert() {
		return this.certificatePem;
	}

	/**
	 * A projected service-account token signed with {@code key}, issued at {@code now}
	 * for an hour, live until {@link #revoke revoked}.
	 */
	public String issue(JWK key, Instant now, String namespace, String name, String uid, List<String> audiences) {
		String jwt = TestIdentityProvider.sign(key, now,
				(claims) -> claims.issuer("https://kubernetes.default.svc.cluster.local")
					.subject("system:serviceaccount:" + namespace + ":" + name)
					.audience(audiences)
					.claim("kubernetes.io", Map.of("namespace", namespace, "serviceaccount",
							Map.of("name", name, "uid", uid), "pod", Map.of("name", name + "-0", "uid", "pod-uid"))));
		this.live.put(jwt, new Account(namespace, name, uid, List.copyOf(audiences)));
		return jwt;
	}

	/**
	 * A legacy service-account token (the kind kept in a secret): no expiry, no audience,
	 * the account in {@code kubernetes.io/serviceaccount/*} claims; live until
	 * {@link #revoke revoked}.
	 */
	public String issueLegacy(RSAKey key, String namespace, String name, String uid, String secretName) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:" + namespace + ":" + name)
			.claim("kubernetes.io/serviceaccount/namespace", namespace)
			.claim("kubernetes.io/serviceaccount/secret.name", secretName)
			.claim("kubernetes.io/serviceaccount/service-account.name", name)
			.claim("kubernetes.io/serviceaccount/service-account.uid", uid)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		String serialized = jwt.serialize();
		this.live.put(serialized, new Account(namespace, name, uid, List.of()));
		return serialized;
	}

	/** The API server now says the token belongs to another account. */
	public void vouchAs(String jwt, String namespace, String name, String uid) {
		this.live.computeIfPresent(jwt, (token, account) -> new Account(namespace, name, uid, account.audiences));
	}

	/** The token is no longer live (its service account was deleted). */
	public void revoke(String jwt) {
		this.live.remove(jwt);
	}

	/** Creates or relabels a namespace. */
	public void namespace(String name, Map<String, String> labels) {
		this.namespaces.put(name, Map.copyOf(labels));
	}

	private void namespace(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!("Bearer " + REVIEWER).equals(authorization)) {
			respond(exchange, 401, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "message",
					"Unauthorized", "reason", "Unauthorized", "code", 401));
			return;
		}
		String name = exchange.getRequestURI().getPath().substring("/api/v1/namespaces/".length());
		Map<String, String> labels = this.namespaces.get(name);
		if (labels == null) {
			respond(exchange, 404, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "message",
					"namespaces \"" + name + "\" not found", "reason", "NotFound", "code", 404));
			return;
		}
		respond(exchange, 200, Map.of("kind", "Namespace", "apiVersion", "v1", "metadata",
				Map.of("name", name, "labels", labels), "status", Map.of("phase", "Active")));
	}

	private void review(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String bearer = (authorization != null && authorization.startsWith("Bearer "))
				? authorization.substring("Bearer ".length()) : "";
		Map<String, Object> body = Json.readMap(exchange.getRequestBody().readAllBytes());
		this.reviews.add(new Review(bearer, body));
		if (!exchange.getRequestMethod().equals("POST")) {
			respond(exchange, 405, Map.of("kind", "Status", "status", "Failure", "code", 405));
			return;
		}
		if (!bearer.equals(REVIEWER) && !this.live.containsKey(bearer)) {
			respond(exchange, 401, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "message",
					"Unauthorized", "reason", "Unauthorized", "code", 401));
			return;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> spec = (Map<String, Object>) body.get("spec");
		Account account = this.live.get(String.valueOf(spec.get("token")));
		@SuppressWarnings("unchecked")
		List<String> wanted = (List<String>) spec.getOrDefault("audiences", List.of());
		Map<String, Object> status = new LinkedHashMap<>();
		if (account == null || !wanted.isEmpty() && wanted.stream().noneMatch(account.audiences::contains)) {
			status.put("authenticated", false);
			status.put("error", (account == null) ? "[invalid bearer token, service account token has been invalidated]"
					: "[invalid bearer token, token audiences is invalid for the target audiences]");
		}
		else {
			List<String> granted = new ArrayList<>(wanted.isEmpty() ? account.audiences : wanted);
			granted.retainAll(account.audiences);
			status.put("authenticated", true);
			status.put("user",
					Map.of("username", "system:serviceaccount:" + account.namespace + ":" + account.name, "uid",
							account.uid, "groups", List.of("system:serviceaccounts",
									"system:serviceaccounts:" + account.namespace, "system:authenticated")));
			status.put("audiences", granted);
		}
		respond(exchange, 201, Map.of("kind", "TokenReview", "apiVersion", "authentication.k8s.io/v1", "spec", spec,
				"status", status));
	}

	private static void respond(HttpExchange exchange, int code, Map<String, Object> body) throws IOException {
		byte[] bytes = Json.write(body);
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

	/** One TokenReview request as received. */
	public record Review(String bearer, Map<String, Object> body) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> spec() {
			return (Map<String, Object>) this.body.get("spec");
		}

	}

	private record Account(String namespace, String name, String uid, List<String> audiences) {

	}

}
