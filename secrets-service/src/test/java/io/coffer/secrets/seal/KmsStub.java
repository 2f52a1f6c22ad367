package io.coffer.secrets.seal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for AWS KMS speaking its JSON 1.1 protocol ({@code X-Amz-Target:
 * TrentService.Encrypt|Decrypt}), enough for the real {@code KmsClient}: one symmetric
 * key, AES-GCM with the encryption context as associated data (so a wrong context fails
 * like in KMS), and a switch that makes it deny access like a missing IAM permission.
 * Signatures are not checked.
 */
final class KmsStub implements AutoCloseable {

	static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	private final AtomicInteger calls = new AtomicInteger();

	private volatile boolean denyAccess;

	KmsStub() throws IOException {
		byte[] material = new byte[32];
		this.random.nextBytes(material);
		this.key = new SecretKeySpec(material, "AES");
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The awskms seal of a node configured against this stub. */
	ConfiguredSeal seal(Duration initialBackoff, Duration maxBackoff) {
		return new SealConfiguration().configuredSeal(new SealProperties("awskms",
				new SealProperties.AwsKms("us-east-1", "alias/coffer", URI.create(endpoint())), null,
				new SealProperties.Retry(initialBackoff, maxBackoff)));
	}

	/**
	 * Example credentials for the SDK's default chain, which reads these system
	 * properties first, set for the test class ({@code @ExtendWith}); no real AWS account
	 * is involved.
	 */
	static final class ExampleCredentials implements BeforeAllCallback, AfterAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
			System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
		}

		@Override
		public void afterAll(ExtensionContext context) {
			System.clearProperty("aws.accessKeyId");
			System.clearProperty("aws.secretAccessKey");
		}

	}

	void denyAccess(boolean deny) {
		this.denyAccess = deny;
	}

	int calls() {
		return this.calls.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		try (exchange) {
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			Map<String, Object> request = JSON.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
			if (!"application/x-amz-json-1.1".equals(contentType) || target == null) {
				reply(exchange, 400, Map.of("__type", "UnknownOperationException"));
				return;
			}
			if (this.denyAccess) {
				reply(exchange, 400, Map.of("__type", "AccessDeniedException", "message",
						"User: arn:aws:iam::111122223333:user/coffer is not authorized to perform: kms:Decrypt"));
				return;
			}
			Map<String, String> context = new TreeMap<>(
					(Map<String, String>) request.getOrDefault("EncryptionContext", Map.of()));
			byte[] aad = JSON.writeValueAsBytes(context);
			switch (target) {
				case "TrentService.Encrypt" -> {
					byte[] plaintext = Base64.getDecoder().decode((String) request.get("Plaintext"));
					reply(exchange, 200,
							Map.of("CiphertextBlob", Base64.getEncoder().encodeToString(encrypt(plaintext, aad)),
									"KeyId", KEY_ARN, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
				}
				case "TrentService.Decrypt" -> {
					byte[] blob = Base64.getDecoder().decode((String) request.get("CiphertextBlob"));
					try {
						reply(exchange, 200, Map.of("Plaintext", Base64.getEncoder().encodeToString(decrypt(blob, aad)),
								"KeyId", KEY_ARN, "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
					}
					catch (GeneralSecurityException ex) {
						reply(exchange, 400, Map.of("__type", "InvalidCiphertextException"));
					}
				}
				default -> reply(exchange, 400, Map.of("__type", "UnknownOperationException"));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
		byte[] nonce = new byte[12];
		this.random.nextBytes(nonce);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(aad);
		byte[] sealed = cipher.doFinal(plaintext);
		byte[] out = new byte[12 + sealed.length];
		System.arraycopy(nonce, 0, out, 0, 12);
		System.arraycopy(sealed, 0, out, 12, sealed.length);
		return out;
	}

	private byte[] decrypt(byte[] blob, byte[] aad) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, blob, 0, 12));
		cipher.updateAAD(aad);
		return cipher.doFinal(blob, 12, blob.length - 12);
	}

	private static void reply(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
		exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

}
