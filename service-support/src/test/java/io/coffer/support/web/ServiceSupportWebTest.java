package io.coffer.support.web;

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
import java.util.UUID;

import io.coffer.support.error.VaultErrorException;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet service built on nothing but service-support's auto-configuration, serving a
 * few paths, on a random port. It lists two callers, each with its own key pair generated
 * for the test run: {@code gateway} on {@code /v1/**} and {@code lease-service} on
 * {@code /internal/leases/**}. A third key pair, {@code audit-service}, is not listed.
 */
@SpringBootTest(classes = ServiceSupportWebTest.Service.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceSupportWebTest {

	private static final Path KEYS = keyDirectory();

	protected static final KeyPair GATEWAY = IdentityKeyFiles.generate(KEYS.resolve("gateway.pem"), new SecureRandom());

	protected static final KeyPair LEASE = IdentityKeyFiles.generate(KEYS.resolve("lease.pem"), new SecureRandom());

	protected static final KeyPair AUDIT = IdentityKeyFiles.generate(KEYS.resolve("audit.pem"), new SecureRandom());

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void callers(DynamicPropertyRegistry registry) {
		registry.add("coffer.identity.callers.gateway.keys", () -> KEYS.resolve("gateway.pub.pem").toString());
		registry.add("coffer.identity.callers.gateway.paths", () -> "/v1/**");
		registry.add("coffer.identity.callers.lease-service.keys", () -> KEYS.resolve("lease.pub.pem").toString());
		registry.add("coffer.identity.callers.lease-service.paths", () -> "/internal/leases/**");
	}

	/** An identity of {@code caller} signed with {@code keys}. */
	protected static String identity(KeyPair keys, String caller) {
		return new IdentitySigner(keys, Clock.systemUTC(), caller).sign(UUID.randomUUID().toString());
	}

	/**
	 * A call to the service.
	 * @param identity the {@code X-Coffer-Identity} header, or null for none
	 */
	protected HttpResponse<String> call(String method, String path, String identity, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (identity != null) {
			request.header("X-Coffer-Identity", identity);
		}
		if (headers.length > 0) {
			request.headers(headers);
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

	private static Path keyDirectory() {
		try {
			Path directory = Files.createTempDirectory("service-support-test-keys");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class Service {

	}

	/** What a service would serve; each answer names the endpoint that gave it. */
	@RestController
	static class Endpoints {

		@RequestMapping("/v1/secret/**")
		String secret(HttpServletRequest request) {
			return "secret " + RequestIdFilter.of(request);
		}

		@GetMapping("/v1/sys/health")
		String health() {
			return "health";
		}

		@PutMapping("/v1/sys/unseal")
		String unseal() {
			return "unseal";
		}

		@GetMapping("/v1/sys/init")
		String init() {
			return "init";
		}

		@RequestMapping("/internal/leases/**")
		String leases() {
			return "leases";
		}

		@GetMapping("/v1/fail/vault")
		String vaultError() {
			throw new VaultErrorException(409, "check-and-set parameter did not match");
		}

		@GetMapping("/v1/fail/empty")
		String emptyVaultError() {
			throw new VaultErrorException(404, java.util.List.of());
		}

		@GetMapping("/v1/fail/unexpected")
		String unexpected() {
			throw new IllegalStateException("s.sensitive-token-value");
		}

	}

}
