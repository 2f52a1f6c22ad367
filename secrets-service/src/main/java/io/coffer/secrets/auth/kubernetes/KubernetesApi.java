package io.coffer.secrets.auth.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.coffer.secrets.core.Json;

/**
 * Asks the Kubernetes API whether a JWT is a live service-account token
 * ({@code POST <host>/apis/authentication.k8s.io/v1/tokenreviews}), as Vault's
 * {@code tokenReviewAPI}: the reviewer token as bearer, the wanted audiences in the spec,
 * then {@code status.authenticated}, the audiences and the
 * {@code system:serviceaccount:<namespace>:<name>} user name checked. One HTTP client is
 * kept per trusted CA bundle.
 */
final class KubernetesApi {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private String clientCa;

	private HttpClient client;

	/**
	 * @param host {@code kubernetes_host}
	 * @param caPem the CA certificates trusted for the API server, empty = the JDK's
	 * @param bearer the token the review is made with
	 * @param jwt the login's JWT
	 * @param audiences the audiences the JWT must be valid for, empty = not checked
	 * @return the reviewed service account
	 * @throws RefusedException why the review did not vouch for the JWT (never naming any
	 * token)
	 */
	Reviewed review(String host, String caPem, String bearer, String jwt, List<String> audiences) {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("token", jwt);
		if (!audiences.isEmpty()) {
			spec.put("audiences", audiences);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", "TokenReview");
		body.put("apiVersion", "authentication.k8s.io/v1");
		body.put("spec", spec);
		HttpRequest request = HttpRequest.newBuilder(HostUrl.tokenReviews(host))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + bearer)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = client(caPem).send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new RefusedException(
					"lookup failed: the Kubernetes API could not be reached: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RefusedException("lookup failed: interrupted");
		}
		if (response.statusCode() == 401) {
			throw new RefusedException("lookup failed: service account unauthorized; this could mean it has "
					+ "been deleted or recreated with a new token");
		}
		if (response.statusCode() < 200 || response.statusCode() > 206) {
			throw new RefusedException("lookup failed: the Kubernetes API answered " + response.statusCode());
		}
		return reviewed(response.body(), audiences);
	}

	private static Reviewed reviewed(byte[] body, List<String> audiences) {
		Map<String, Object> review;
		try {
			review = Json.readMap(body);
		}
		catch (RuntimeException ex) {
			throw new RefusedException("lookup failed: the Kubernetes API answered no TokenReview");
		}
		Map<?, ?> status = (review.get("status") instanceof Map<?, ?> map) ? map : Map.of();
		if (status.get("error") instanceof String error && !error.isEmpty()) {
			throw new RefusedException("lookup failed: " + error);
		}
		if (!Boolean.TRUE.equals(status.get("authenticated"))) {
			throw new RefusedException("lookup failed: service account jwt not valid");
		}
		List<String> granted = new ArrayList<>();
		if (status.get("audiences") instanceof List<?> list) {
			list.forEach((audience) -> granted.add(String.valueOf(audience)));
		}
		if (!audiences.isEmpty() && audiences.stream().noneMatch(granted::contains)) {
			throw new RefusedException("lookup failed: service account jwt valid for audience(s) " + granted
					+ ", but wanted " + audiences);
		}
		Map<?, ?> user = (status.get("user") instanceof Map<?, ?> map) ? map : Map.of();
		String[] parts = String.valueOf(Objects.requireNonNullElse(user.get("username"), "")).split(":", -1);
		if (parts.length != 4) {
			throw new RefusedException("lookup failed: unexpected username format");
		}
		if (!parts[0].equals("system") || !parts[1].equals("serviceaccount")) {
			throw new RefusedException("lookup failed: username returned is not a service account");
		}
		return new Reviewed(parts[3], parts[2], String.valueOf(Objects.requireNonNullElse(user.get("uid"), "")));
	}

	/**
	 * @param namespace a valid namespace name (it becomes part of the URL)
	 * @return the namespace's labels
	 * @throws RefusedException when they cannot be read
	 */
	Map<String, String> namespaceLabels(String host, String caPem, String bearer, String namespace) {
		HttpRequest request = HttpRequest.newBuilder(HostUrl.namespace(host, namespace))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + bearer)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response = send(caPem, request, "namespace lookup failed");
		if (response.statusCode() != 200) {
			throw new RefusedException("failed to get namespace (code " + response.statusCode() + ")");
		}
		Map<String, String> labels = new LinkedHashMap<>();
		try {
			if (Json.readMap(response.body()).get("metadata") instanceof Map<?, ?> metadata
					&& metadata.get("labels") instanceof Map<?, ?> map) {
				map.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
			}
		}
		catch (RuntimeException ex) {
			throw new RefusedException("namespace lookup failed: the Kubernetes API answered no Namespace");
		}
		return labels;
	}

	private HttpResponse<byte[]> send(String caPem, HttpRequest request, String failure) {
		try {
			return client(caPem).send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new RefusedException(
					failure + ": the Kubernetes API could not be reached: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RefusedException(failure + ": interrupted");
		}
	}

	private synchronized HttpClient client(String caPem) {
		if (this.client == null || !caPem.equals(this.clientCa)) {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(TIMEOUT);
			if (!caPem.isBlank()) {
				builder.sslContext(trusting(caPem));
			}
			if (this.client != null) {
				this.client.close();
			}
			this.client = builder.build();
			this.clientCa = caPem;
		}
		return this.client;
	}

	/** A TLS context trusting only the certificates of {@code pem}. */
	private static SSLContext trusting(String pem) {
		try {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))) {
				store.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new RefusedException("lookup failed: the CA certificate could not be read");
		}
	}

	/** What the API server says the JWT belongs to. */
	record Reviewed(String name, String namespace, String uid) {

	}

	/**
	 * The API did not vouch for the JWT or answer the lookup; the message names no token.
	 */
	static final class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message, null, false, false);
		}

	}

}
