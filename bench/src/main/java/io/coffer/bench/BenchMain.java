package io.coffer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.bench.lease.LeaseBench;
import io.coffer.bench.report.JsonReport;
import io.coffer.bench.report.Machine;
import io.coffer.bench.report.ResultTable;
import io.coffer.bench.report.ScenarioResult;
import io.coffer.bench.report.Verdicts;
import io.coffer.bench.startup.WarmupProbe;

/**
 * Benchmarks a running Coffer suite and the limits of its parts in one run, prints a
 * table and writes the figures as JSON. See docs/benchmarks.md.
 */
public final class BenchMain {

	/** Scenarios of the issue that need features Coffer does not have yet. */
	static final List<String> PENDING = List
		.of("database credentials and lease renew: in the lease benchmark (deploy/bench/leases.sh)");

	/**
	 * A request slower than this counts as an error rather than stalling a load thread.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("leases")) {
			LeaseBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			System.exit(0);
			return;
		}
		if (args.length > 0 && args[0].equals("snapshots")) {
			io.coffer.bench.snapshot.SnapshotBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			System.exit(0);
			return;
		}
		if (args.length > 0 && args[0].equals("warmup-probe")) {
			WarmupProbe.main(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		// must be set before the JDK HttpClient is first used: it reads it once
		System.setProperty(VaultHttp.ALLOW_CONNECTION_HEADER, "connection");
		BenchOptions options;
		try {
			options = BenchOptions.parse(args, System.getenv("VAULT_ADDR"));
		}
		catch (BenchOptions.UsageException ex) {
			if (ex.getMessage() != null) {
				System.err.println("error: " + ex.getMessage());
			}
			System.err.print(BenchOptions.USAGE);
			System.exit((ex.getMessage() != null) ? 2 : 0);
			return;
		}
		String token = BenchPlan.needsSuite(options) ? token(options) : "";
		VaultHttp http = new VaultHttp(options.address()).withToken(token).withTimeout(REQUEST_TIMEOUT);
		Instant at = Instant.now();
		List<ScenarioResult> results = new BenchPlan(options, http, System.err).run();
		Verdicts verdicts = new Verdicts(results);
		System.out.println();
		ResultTable.print(System.out, results, verdicts);
		System.out.println();
		System.out.println("Pending (not in Coffer yet): " + String.join("; ", PENDING));
		Path file = JsonReport.write(options.outDir(), at, Machine.describe(options.diskDir()), settings(options),
				results, verdicts, PENDING);
		System.out.println("Wrote " + file);
		System.exit(0);
	}

	private static String token(BenchOptions options) throws IOException {
		if (options.initFile() != null) {
			JsonNode init = JsonMapper.builder().build().readTree(Files.readString(options.initFile()));
			JsonNode root = init.get("root_token");
			if (root == null || root.asString().isEmpty()) {
				throw new IOException("no root_token in " + options.initFile());
			}
			return root.asString();
		}
		String env = System.getenv("VAULT_TOKEN");
		if (env == null || env.isBlank()) {
			throw new IOException("set VAULT_TOKEN or pass --init-file <data-dir>/init.json");
		}
		return env;
	}

	private static Map<String, Object> settings(BenchOptions o) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("address", o.address().toString());
		settings.put("nodes", o.nodes().stream().map(Object::toString).toList());
		settings.put("mixRate", o.rate());
		settings.put("mixSeconds", o.mixDuration().toSeconds());
		settings.put("maxSeconds", o.maxDuration().toSeconds());
		settings.put("limitSeconds", o.limitDuration().toSeconds());
		settings.put("warmupSeconds", o.warmup().toSeconds());
		settings.put("suiteWarmupSeconds", o.suiteWarmup().toSeconds());
		settings.put("threads", o.threads());
		settings.put("keys", o.keys());
		settings.put("scenarios", List.copyOf(o.scenarios()));
		settings.put("diskDir", o.diskDir().toString());
		return settings;
	}

}
