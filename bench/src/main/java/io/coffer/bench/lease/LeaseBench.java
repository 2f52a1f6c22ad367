package io.coffer.bench.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lease benchmark of issue 10 against a running local suite (deploy/local/run.sh):
 * lease-service's heap after GC with a million live leases, lookup and renew p99 at that
 * size, the rate at which the gateway issues database credentials (each a new PostgreSQL
 * role and its lease), revoke-prefix of 100,000 of them, and expiry throughput. Run with
 * {@code deploy/bench/leases.sh}; figures go to docs/benchmarks.md.
 */
public final class LeaseBench {

	private static final String MOUNT = "bench-db";

	private static final String SEEDED = "bench-seed/creds/seeded/";

	private final LeaseBenchOptions options;

	private final VaultHttp http;

	private final LeaseDatabase database;

	private final LeaseServiceHeap heap;

	private final List<String> report = new ArrayList<>();

	private LeaseBench(LeaseBenchOptions options, String token) {
		this.options = options;
		this.http = new VaultHttp(options.gateway()).withToken(token).withTimeout(Duration.ofSeconds(60));
		this.database = new LeaseDatabase(options.leaseDatabase());
		this.heap = new LeaseServiceHeap(options.leaseService());
	}

	public static void main(String[] args) throws Exception {
		LeaseBenchOptions options = LeaseBenchOptions.parse(args);
		String token = JsonMapper.builder()
			.build()
			.readTree(Files.readString(options.initFile()))
			.get("root_token")
			.asString();
		new LeaseBench(options, token).run();
	}

	private void run() throws Exception {
		setUp();
		print("heap after GC, %d leases in the table: %.1f MB", this.database.countAll(), this.heap.afterGcMegabytes());

		long t0 = System.nanoTime();
		this.database.seed(SEEDED, this.options.live());
		print("seeded %d live leases in %.1f s (SQL, straight into lease-service's table)", this.options.live(),
				seconds(t0));
		print("heap after GC, %d leases in the table: %.1f MB", this.database.countAll(), this.heap.afterGcMegabytes());

		CountedLoad.Result lookups = CountedLoad.run("lookup (gateway, " + this.options.live() + " live)",
				this.options.samples(), this.options.threads(), (seq) -> require(this.http.put("sys/leases/lookup",
						Map.of("lease_id", SEEDED + String.format("%024d", 1 + random(this.options.live()))))));
		print(lookups.line());

		AtomicReferenceArray<String> issued = new AtomicReferenceArray<>((int) this.options.prefix());
		CountedLoad.Result creds = CountedLoad.run("creds issue (gateway, new PG role)", this.options.prefix(),
				this.options.threads(), (seq) -> issued.set((int) seq,
						require(this.http.get(MOUNT + "/creds/bulk")).json().at("/lease_id").asString()));
		print(creds.line());

		CountedLoad.Result renews = CountedLoad.run("renew (gateway -> lease -> node -> PG)", this.options.samples(),
				this.options.threads(), (seq) -> {
					String id = issued.get(random(this.options.prefix()));
					if (id != null) {
						require(this.http.put("sys/leases/renew", Map.of("lease_id", id, "increment", "3600")));
					}
				});
		print(renews.line());
		print("heap after GC, %d leases in the table: %.1f MB", this.database.countAll(), this.heap.afterGcMegabytes());

		revokePrefix();
		expiry();
		this.database.unseed();
		write();
	}

	private void setUp() throws IOException {
		VaultReply mounted = this.http.post("sys/mounts/" + MOUNT, Map.of("type", "database"));
		if (!mounted.isSuccess() && !mounted.body().contains("path is already in use")) {
			throw new IOException("cannot mount " + MOUNT + ": " + mounted);
		}
		require(this.http.post(MOUNT + "/config/target",
				Map.of("plugin_name", "postgresql-database-plugin", "connection_url", this.options.targetUrl(),
						"username", "postgres", "password", "bench", "allowed_roles", "*", "max_open_connections", 8)));
		String create = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';";
		require(this.http.post(MOUNT + "/roles/bulk", Map.of("db_name", "target", "creation_statements",
				List.of(create), "default_ttl", "24h", "max_ttl", "48h")));
		require(this.http.post(MOUNT + "/roles/short", Map.of("db_name", "target", "creation_statements",
				List.of(create), "default_ttl", this.options.expiryTtl().toSeconds() + "s", "max_ttl", "1h")));
	}

	private void revokePrefix() throws Exception {
		String prefix = MOUNT + "/creds/bulk/";
		long leases = this.database.countUnder(prefix);
		long t0 = System.nanoTime();
		require(this.http.put("sys/leases/revoke-prefix/" + prefix, Map.of("sync", false)));
		long left = awaitEmpty(prefix, Duration.ofMinutes(30));
		print("revoke-prefix of %d leases (roles dropped): %.1f s, %.0f revocations/s%s", leases, seconds(t0),
				leases / seconds(t0), (left > 0) ? " (" + left + " left at the time limit)" : "");
	}

	private void expiry() throws Exception {
		String prefix = MOUNT + "/creds/short/";
		Instant issueStart = Instant.now();
		CountedLoad.Result issued = CountedLoad.run("creds issue (expiry set)", this.options.expiry(),
				this.options.threads(), (seq) -> require(this.http.get(MOUNT + "/creds/short")));
		print(issued.line());
		Instant firstDue = issueStart.plus(this.options.expiryTtl());
		long waitMillis = Duration.between(Instant.now(), firstDue).toMillis();
		if (waitMillis > 0) {
			Thread.sleep(waitMillis);
		}
		long t0 = System.nanoTime();
		long left = awaitEmpty(prefix, Duration.ofMinutes(30));
		print("expiry of %d leases (roles dropped): all gone %.1f s after the first came due, %.0f revocations/s%s",
				issued.ok(), seconds(t0), issued.ok() / seconds(t0), (left > 0) ? " (" + left + " left)" : "");
	}

	private long awaitEmpty(String prefix, Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		long left;
		while ((left = this.database.countUnder(prefix)) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(250);
		}
		return left;
	}

	private static VaultReply require(VaultReply reply) throws IOException {
		if (!reply.isSuccess()) {
			throw new IOException(reply.request() + " answered " + reply.status() + ": " + reply.body());
		}
		return reply;
	}

	private static int random(long bound) {
		return (int) ThreadLocalRandom.current().nextLong(bound);
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private void print(String format, Object... values) {
		String line = String.format(format, values);
		System.out.println(line);
		this.report.add(line);
	}

	private void write() throws IOException {
		Path dir = this.options.outDir();
		Files.createDirectories(dir);
		Path file = dir.resolve("leases-" + Instant.now().toString().replace(':', '-') + ".txt");
		Files.write(file, this.report);
		System.out.println("Wrote " + file);
	}

}
