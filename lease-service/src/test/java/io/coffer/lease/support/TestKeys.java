package io.coffer.lease.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.coffer.common.lease.LeasePaths;
import io.coffer.support.identity.IdentityKeyFiles;
import io.coffer.support.identity.IdentitySigner;

/**
 * The key pairs of a test run: the gateway's and a node's (callers of lease-service) and
 * lease-service's own.
 */
public final class TestKeys {

	public static final Path DIRECTORY = directory();

	public static final KeyPair GATEWAY = IdentityKeyFiles.generate(DIRECTORY.resolve("gateway.pem"),
			new SecureRandom());

	public static final KeyPair SECRETS = IdentityKeyFiles.generate(DIRECTORY.resolve("secrets.pem"),
			new SecureRandom());

	public static final KeyPair LEASE = IdentityKeyFiles.generate(DIRECTORY.resolve("lease.pem"), new SecureRandom());

	private TestKeys() {
	}

	/** An identity of {@code caller} addressed to lease-service. */
	public static String identity(KeyPair keys, String caller) {
		return new IdentitySigner(keys, Clock.systemUTC(), caller).sign(LeasePaths.AUDIENCE,
				UUID.randomUUID().toString(), null, Map.of());
	}

	/** The properties of a lease-service with these keys and this node. */
	public static Map<String, String> properties(String jdbcUrl, String nodeUrl) {
		return Map.ofEntries(Map.entry("spring.datasource.url", jdbcUrl),
				Map.entry("coffer.identity.signing-key", DIRECTORY.resolve("lease.pem").toString()),
				Map.entry("coffer.identity.callers.gateway.keys", DIRECTORY.resolve("gateway.pub.pem").toString()),
				Map.entry("coffer.identity.callers.secrets.keys", DIRECTORY.resolve("secrets.pub.pem").toString()),
				Map.entry("coffer.lease.nodes", nodeUrl), Map.entry("coffer.lease.revoke.poll-interval", "100ms"),
				Map.entry("coffer.lease.revoke.backoff", "100ms"),
				Map.entry("coffer.lease.revoke.max-backoff", "400ms"),
				Map.entry("coffer.lease.revoke.max-attempts", "3"), Map.entry("coffer.lease.revoke.retry-wait", "10ms"),
				Map.entry("coffer.lease.revoke.breaker-open", "300ms"), Map.entry("server.port", "0"));
	}

	private static Path directory() {
		try {
			return Files.createTempDirectory("lease-service-test-keys");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
