package io.coffer.audit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.coffer.audit.AuditServiceApplication;
import io.coffer.common.audit.AuditPaths;
import io.coffer.common.identity.InternalIdentity;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An audit-service on a random port with a {@link FakeNode} as its one secrets node.
 * Subclasses share the context; each test uses device paths of its own.
 */
@SpringBootTest(classes = AuditServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuditServiceTest {

	protected static final FakeNode NODE = new FakeNode("journal-api");

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final Path KEYS = keys();

	private static final KeyPair GATEWAY = IdentityKeyFiles.generate(KEYS.resolve("gateway.pem"), new SecureRandom());

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static {
		IdentityKeyFiles.generate(KEYS.resolve("audit.pem"), new SecureRandom());
	}

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("coffer.identity.signing-key", () -> KEYS.resolve("audit.pem").toString());
		registry.add("coffer.identity.callers.gateway.keys", () -> KEYS.resolve("gateway.pub.pem").toString());
		registry.add("coffer.audit.nodes", () -> NODE.url().toString());
		registry.add("coffer.audit.instance-id", () -> "api-test:1");
		registry.add("coffer.audit.delivery.claim-renew", () -> "100ms");
		registry.add("coffer.audit.delivery.poll-wait", () -> "300ms");
		registry.add("coffer.audit.delivery.backoff", () -> "20ms");
		registry.add("server.port", () -> "0");
	}

	@BeforeEach
	void resetNode() {
		NODE.reset();
	}

	/** A call as the gateway forwards it. */
	protected HttpResponse<String> gateway(String method, String path, String body) {
		String identity = new IdentitySigner(GATEWAY, Clock.systemUTC(), InternalIdentity.GATEWAY)
			.sign(AuditPaths.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header(InternalIdentity.HEADER, identity)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path keys() {
		try {
			return Files.createTempDirectory("audit-service-test-keys");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
