package io.coffer.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options. The token never comes from the command line (it would show in the
 * process list): {@code --init-file} or the {@code VAULT_TOKEN} environment variable.
 */
public record BenchOptions(URI address, List<URI> nodes, Path initFile, double rate, Duration mixDuration,
		Duration maxDuration, Duration limitDuration, Duration warmup, Duration suiteWarmup, int threads, int keys,
		Set<String> scenarios, Path outDir, Path diskDir, Path auditFile, String kafka) {

	public static final List<String> ALL_SCENARIOS = List.of("proxy", "kv-read", "kv-write", "mix", "mix-close",
			"token-create", "transit-encrypt", "transit-decrypt", "cp", "rocksdb");

	/**
	 * Scenarios run only when named: the OpenBao mix again with a file audit device, and
	 * with a file and a kafka device (they need audit-service, and a broker for kafka).
	 */
	public static final List<String> AUDIT_SCENARIOS = List.of("mix-audit-file", "mix-audit-kafka");

	static final String USAGE = """
			Usage: java -jar bench/target/coffer-bench.jar [options]   (or deploy/bench/run.sh [options])
			  --addr URL            gateway address (default $VAULT_ADDR or http://127.0.0.1:8200)
			  --nodes URL,...       secrets nodes, for the direct-to-node limit (default 127.0.0.1:8210-8212)
			  --init-file FILE      read the root token from run.sh's init.json (default: $VAULT_TOKEN)
			  --rate N              OpenBao mix rate in requests/s (default 500)
			  --mix-duration D      measured time of each mix scenario (default 30s)
			  --max-duration D      measured time of each closed-loop scenario (default 20s)
			  --limit-duration D    measured time of each in-process limit (default 10s)
			  --warmup D            load sent before measuring, per scenario (default 3s)
			  --suite-warmup D      every request type before the first scenario, for the JIT (default 60s; 0s: none)
			  --threads N           closed-loop concurrency, also for the CP and RocksDB limits (default 16)
			  --keys N              KV keys read and written (default 200)
			  --scenarios A,B,...   subset of: %s
			  --out DIR             where the JSON goes (default bench-results)
			  --disk-dir DIR        file system for the RocksDB limit (default: the system temp dir)
			  --audit-file FILE     the file device's output for mix-audit-* (default: coffer-bench-audit.log in
			                        the system temp dir; audit-service writes it, so it must be on its machine)
			  --kafka SERVERS       the kafka device's bootstrap servers for mix-audit-kafka, or "embedded": a
			                        broker (KRaft) in the benchmark's JVM
			                        (also, only when named: %s)
			Durations: 500ms, 30s, 2m.
			""".formatted(String.join(",", ALL_SCENARIOS), String.join(",", AUDIT_SCENARIOS));

	public static BenchOptions parse(String[] args, String envAddress) {
		URI address = URI.create((envAddress != null && !envAddress.isBlank()) ? envAddress : "http://127.0.0.1:8200");
		List<URI> nodes = List.of(URI.create("http://127.0.0.1:8210"), URI.create("http://127.0.0.1:8211"),
				URI.create("http://127.0.0.1:8212"));
		Path initFile = null;
		double rate = 500;
		Duration mix = Duration.ofSeconds(30);
		Duration max = Duration.ofSeconds(20);
		Duration limit = Duration.ofSeconds(10);
		Duration warmup = Duration.ofSeconds(3);
		Duration suiteWarmup = Duration.ofSeconds(60);
		int threads = 16;
		int keys = 200;
		Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);
		Path out = Path.of("bench-results");
		Path disk = Path.of(System.getProperty("java.io.tmpdir"));
		Path auditFile = Path.of(System.getProperty("java.io.tmpdir"), "coffer-bench-audit.log");
		String kafka = null;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("-h") || name.equals("--help")) {
				throw new UsageException(null);
			}
			if (i + 1 >= args.length) {
				throw new UsageException(name + " needs a value");
			}
			String value = args[++i];
			switch (name) {
				case "--addr" -> address = URI.create(value);
				case "--nodes" -> nodes = Arrays.stream(value.split(",")).map(String::trim).map(URI::create).toList();
				case "--init-file" -> initFile = Path.of(value);
				case "--rate" -> rate = positive(name, Double.parseDouble(value));
				case "--mix-duration" -> mix = duration(value);
				case "--max-duration" -> max = duration(value);
				case "--limit-duration" -> limit = duration(value);
				case "--warmup" -> warmup = duration(value);
				case "--suite-warmup" -> suiteWarmup = duration(value);
				case "--threads" -> threads = (int) positive(name, Integer.parseInt(value));
				case "--keys" -> keys = (int) positive(name, Integer.parseInt(value));
				case "--scenarios" -> scenarios = scenarios(value);
				case "--out" -> out = Path.of(value);
				case "--disk-dir" -> disk = Path.of(value);
				case "--audit-file" -> auditFile = Path.of(value).toAbsolutePath();
				case "--kafka" -> kafka = value;
				default -> throw new UsageException("unknown option " + name);
			}
		}
		if (scenarios.contains("mix-audit-kafka") && kafka == null) {
			throw new UsageException("mix-audit-kafka needs --kafka SERVERS (or --kafka embedded)");
		}
		return new BenchOptions(address, nodes, initFile, rate, mix, max, limit, warmup, suiteWarmup, threads, keys,
				scenarios, out, disk, auditFile, kafka);
	}

	public boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	/** 500ms, 30s, 2m. */
	static Duration duration(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		try {
			if (t.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
			}
			if (t.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
			}
			if (t.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
			}
		}
		catch (NumberFormatException ex) {
			throw new UsageException("not a duration: " + text);
		}
		throw new UsageException("not a duration (use 500ms, 30s or 2m): " + text);
	}

	private static Set<String> scenarios(String value) {
		Set<String> chosen = new LinkedHashSet<>();
		List<String> unknown = new ArrayList<>();
		for (String s : value.split(",")) {
			String name = s.trim();
			if (ALL_SCENARIOS.contains(name) || AUDIT_SCENARIOS.contains(name)) {
				chosen.add(name);
			}
			else if (!name.isEmpty()) {
				unknown.add(name);
			}
		}
		if (!unknown.isEmpty() || chosen.isEmpty()) {
			throw new UsageException("unknown scenarios " + unknown + "; choose from " + ALL_SCENARIOS);
		}
		return chosen;
	}

	private static double positive(String name, double value) {
		if (value <= 0) {
			throw new UsageException(name + " must be positive");
		}
		return value;
	}

	/** A wrong command line; a null message asks for the usage text only. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
