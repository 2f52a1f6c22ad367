package io.coffer.bench.lease;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The lease benchmark's options, each {@code --name value}; the defaults fit the suite of
 * deploy/local/run.sh and the sizes of issue 10.
 *
 * @param gateway the Vault API
 * @param leaseService lease-service's base URL (its Prometheus endpoint for the heap)
 * @param leaseDatabase lease-service's PostgreSQL (JDBC URL; user postgres)
 * @param targetUrl the database engine's connection URL for the PostgreSQL whose roles
 * are created
 * @param initFile the suite's init.json (root token)
 * @param live leases seeded into the table
 * @param prefix credentials issued through the gateway, then revoked by prefix
 * @param expiry short-lived credentials left to expire
 * @param expiryTtl their TTL
 * @param samples lookups and renewals measured
 * @param threads concurrent clients
 * @param outDir where the report goes
 */
record LeaseBenchOptions(URI gateway, URI leaseService, String leaseDatabase, String targetUrl, Path initFile,
		long live, long prefix, long expiry, Duration expiryTtl, long samples, int threads, Path outDir) {

	static LeaseBenchOptions parse(String[] args) {
		Map<String, String> given = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			given.put(args[i].substring(2), args[i + 1]);
		}
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
		}
		return new LeaseBenchOptions(URI.create(given.getOrDefault("addr", "http://127.0.0.1:8200")),
				URI.create(given.getOrDefault("lease-service", "http://127.0.0.1:8220")),
				given.getOrDefault("lease-db", "jdbc:postgresql://127.0.0.1:8225/coffer_lease"),
				given.getOrDefault("target", "postgresql://{{username}}:{{password}}@127.0.0.1:8225/postgres"),
				Path.of(given.getOrDefault("init-file", ".coffer/local/init.json")),
				Long.parseLong(given.getOrDefault("live", "1000000")),
				Long.parseLong(given.getOrDefault("prefix", "100000")),
				Long.parseLong(given.getOrDefault("expiry", "10000")),
				Duration.ofSeconds(Long.parseLong(given.getOrDefault("expiry-ttl", "60"))),
				Long.parseLong(given.getOrDefault("samples", "5000")),
				Integer.parseInt(given.getOrDefault("threads", "8")),
				Path.of(given.getOrDefault("out", "bench-results")));
	}

}
