package io.coffer.snapshot.support;

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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.coffer.common.identity.InternalIdentity;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.snapshot.SnapshotServiceApplication;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import io.coffer.testsupport.time.TestClock;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A snapshot-service on a random port with a {@link FakeNode} as its one secrets node and
 * a {@link TestClock}; the scheduler's own timer is off, tests run its checks.
 */
@SpringBootTest(classes = SnapshotServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SnapshotServiceTest.Clocks.class)
public abstract class SnapshotServiceTest {

	protected static final FakeNode NODE = new FakeNode();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final Path KEYS = temp("snapshot-service-test-keys");

	private static final KeyPair GATEWAY = IdentityKeyFiles.generate(KEYS.resolve("gateway.pem"), new SecureRandom());

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static {
		IdentityKeyFiles.generate(KEYS.resolve("snapshot.pem"), new SecureRandom());
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected TestClock clock;

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("coffer.identity.signing-key", () -> KEYS.resolve("snapshot.pem").toString());
		registry.add("coffer.identity.callers.gateway.keys", () -> KEYS.resolve("gateway.pub.pem").toString());
		registry.add("coffer.snapshot.nodes", () -> NODE.url().toString());
		registry.add("coffer.snapshot.scheduler-enabled", () -> "false");
		registry.add("server.port", () -> "0");
	}

	@BeforeEach
	void resetNode() {
		NODE.reset();
	}

	/** A call as the gateway forwards it, signed at the test clock's time. */
	protected HttpResponse<String> gateway(String method, String path, Object body) {
		String identity = new IdentitySigner(GATEWAY, this.clock, InternalIdentity.GATEWAY)
			.sign(SnapshotAutoPaths.AUDIENCE, UUID.randomUUID().toString(), null, Map.of());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header(InternalIdentity.HEADER, identity)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody());
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

	@SuppressWarnings("unchecked")
	protected static Map<String, Object> json(HttpResponse<String> response) {
		return JSON.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	protected static Map<String, Object> data(HttpResponse<String> response) {
		return (Map<String, Object>) json(response).get("data");
	}

	protected static Path temp(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
