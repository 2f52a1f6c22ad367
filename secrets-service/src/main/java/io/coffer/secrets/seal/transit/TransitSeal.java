package io.coffer.secrets.seal.transit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.seal.Seal;
import io.coffer.secrets.seal.SealProperties;
import io.coffer.secrets.seal.SealUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-unseal with the transit engine of another Coffer (or Vault): the root key is sent
 * to {@code POST <mount>encrypt/<key>} and the stored ciphertext to
 * {@code <mount>decrypt/<key>}. TLS is verified with the JVM's trust store; the token
 * travels only in the {@code X-Vault-Token} header and appears in no message.
 */
public final class TransitSeal implements Seal {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI address;

	private final String token;

	private final String mountPath;

	private final String keyName;

	private final Duration timeout;

	public TransitSeal(HttpClient http, SealProperties.Transit settings) {
		this.http = http;
		String base = settings.address().toString();
		this.address = URI.create(base.endsWith("/") ? base : base + "/");
		this.token = settings.token();
		String mount = settings.mountPath().replaceAll("^/+", "");
		this.mountPath = mount.endsWith("/") ? mount : mount + "/";
		this.keyName = settings.keyName();
		this.timeout = settings.timeout();
	}

	@Override
	public String type() {
		return "transit";
	}

	/**
	 * Vault's transit seal sends no context or associated data (a plain key may be used),
	 * so {@code purpose} is not sent either.
	 */
	@Override
	public byte[] encrypt(byte[] plaintext, String purpose) {
		Map<String, Object> data = call("encrypt", Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext)));
		Object ciphertext = data.get("ciphertext");
		if (!(ciphertext instanceof String text)) {
			throw new SealUnavailableException(where("encrypt") + " answered without a ciphertext");
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, String purpose) {
		Map<String, Object> data = call("decrypt",
				Map.of("ciphertext", new String(ciphertext, StandardCharsets.UTF_8)));
		Object plaintext = data.get("plaintext");
		if (!(plaintext instanceof String text)) {
			throw new SealUnavailableException(where("decrypt") + " answered without a plaintext");
		}
		return Base64.getDecoder().decode(text);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> call(String operation, Map<String, Object> body) {
		HttpRequest request = HttpRequest
			.newBuilder(this.address.resolve("v1/" + this.mountPath + operation + "/" + this.keyName))
			.timeout(this.timeout)
			.header("X-Vault-Token", this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			throw new SealUnavailableException(where(operation) + " timed out after " + this.timeout, ex);
		}
		catch (ConnectException ex) {
			throw new SealUnavailableException(where(operation) + " is unreachable (connection refused)", ex);
		}
		catch (IOException ex) {
			throw new SealUnavailableException(where(operation) + " is unreachable (" + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SealUnavailableException(where(operation) + " was interrupted", ex);
		}
		Map<String, Object> json;
		try {
			json = JSON.readValue(response.body(), Map.class);
		}
		catch (JacksonException ex) {
			throw new SealUnavailableException(
					where(operation) + " answered HTTP " + response.statusCode() + " with a body that is not JSON");
		}
		if (response.statusCode() != 200) {
			Object errors = json.get("errors");
			String reason = (errors instanceof List<?> list && !list.isEmpty()) ? String.valueOf(list)
					: "no error message";
			throw new SealUnavailableException(where(operation) + " refused: HTTP " + response.statusCode() + " "
					+ reason + hint(response.statusCode()));
		}
		if (!(json.get("data") instanceof Map<?, ?> data)) {
			throw new SealUnavailableException(where(operation) + " answered without data");
		}
		return (Map<String, Object>) data;
	}

	private static String hint(int status) {
		return switch (status) {
			case 403 -> " (check the seal token and its policy)";
			case 503 -> " (the transit server is sealed or has no active node)";
			default -> "";
		};
	}

	private String where(String operation) {
		return "transit seal " + operation + " at " + this.address + "v1/" + this.mountPath + operation + "/"
				+ this.keyName;
	}

}
