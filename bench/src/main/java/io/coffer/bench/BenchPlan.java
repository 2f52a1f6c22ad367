package io.coffer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.bench.audit.AuditDevices;
import io.coffer.bench.audit.AuditLagProbe;
import io.coffer.bench.limits.CpCommitLimit;
import io.coffer.bench.limits.RocksSyncLimit;
import io.coffer.bench.load.ClosedLoop;
import io.coffer.bench.load.OpenLoop;
import io.coffer.bench.load.Stats;
import io.coffer.bench.load.Timing;
import io.coffer.bench.load.Workload;
import io.coffer.bench.report.ScenarioResult;
import io.coffer.bench.report.Verdicts;
import io.coffer.bench.scenario.Fixtures;
import io.coffer.bench.scenario.VaultWorkloads;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Runs the chosen scenarios one after the other, in a fixed order: the latency mix first
 * (on a quiet suite), then the maximum-throughput scenarios, then the limits that need no
 * suite (embedded CP, RocksDB), so that every figure of one run comes from the same
 * machine state.
 */
final class BenchPlan {

	private static final int CP_VALUE_BYTES = 1024;

	private static final String KAFKA_TOPIC = "coffer-bench-audit";

	private static final int ROCKS_VALUE_BYTES = 1024;

	private final BenchOptions options;

	private final VaultHttp http;

	private final VaultWorkloads workloads;

	private final PrintStream progress;

	private final List<ScenarioResult> results = new ArrayList<>();

	BenchPlan(BenchOptions options, VaultHttp http, PrintStream progress) {
		this.options = options;
		this.http = http;
		this.workloads = new VaultWorkloads(options.keys());
		this.progress = progress;
	}

	static boolean needsSuite(BenchOptions options) {
		return options.scenarios().stream().anyMatch((s) -> !s.equals("cp") && !s.equals("rocksdb"));
	}

	List<ScenarioResult> run() throws IOException, InterruptedException {
		if (needsSuite(this.options)) {
			say("preparing: mounts secret/ (kv v2) and transit/, key transit/keys/bench, %d KV keys",
					this.options.keys());
			Fixtures.prepare(this.http, this.workloads, this.options.threads());
			warmUpSuite();
		}
		if (this.options.runs("proxy")) {
			closed(Verdicts.GATEWAY_HEALTH, this.workloads.health(this.http, "gateway-health"));
			URI node = Fixtures.activeNode(this.http, this.options.nodes());
			if (node == null) {
				say("no active node answers among %s: skipping %s", this.options.nodes(), Verdicts.NODE_HEALTH);
			}
			else {
				closed(Verdicts.NODE_HEALTH, this.workloads.health(this.http.at(node), "node-health"));
			}
		}
		if (this.options.runs("mix")) {
			open(Verdicts.MIX, this.workloads.openBaoMix(this.http), true);
		}
		if (this.options.runs("mix-close")) {
			open(Verdicts.MIX_CLOSE, this.workloads.openBaoMix(this.http.withKeepAlive(false)), false);
		}
		if (this.options.runs("mix-audit-file") || this.options.runs("mix-audit-kafka")) {
			auditedMixes();
		}
		if (this.options.runs("kv-read")) {
			closed(Verdicts.KV_READ, this.workloads.kvRead(this.http));
		}
		if (this.options.runs("kv-write")) {
			closed(Verdicts.KV_WRITE, this.workloads.kvWrite(this.http));
		}
		if (this.options.runs("token-create")) {
			closed("token-create-max", this.workloads.tokenCreate(this.http));
		}
		if (this.options.runs("transit-encrypt")) {
			closed("transit-encrypt-1k-max", this.workloads.transitEncrypt(this.http));
		}
		if (this.options.runs("transit-decrypt")) {
			closed("transit-decrypt-1k-max",
					this.workloads.transitDecrypt(this.http, Fixtures.transitCiphertext(this.http, this.workloads)));
		}
		if (this.options.runs("cp")) {
			cpLimits();
		}
		if (this.options.runs("rocksdb")) {
			rocksLimits();
		}
		return this.results;
	}

	private void warmUpSuite() throws InterruptedException {
		Timing timing = new Timing(Duration.ZERO, this.options.suiteWarmup());
		if (timing.measured().isZero()) {
			return;
		}
		ClosedLoop loop = new ClosedLoop(this.options.threads(), timing);
		say("warming up the suite: every request type, %s, %d s (not recorded)", closedLoad(loop),
				timing.measured().toSeconds());
		List<Stats> stats = loop.run(this.workloads.warmup(this.http));
		long errors = stats.stream().mapToLong(Stats::errors).sum();
		if (errors > 0) {
			say("  %d requests failed during the warm-up: %s", errors,
					stats.stream().filter((s) -> s.firstError() != null).findFirst().map(Stats::firstError).orElse(""));
		}
	}

	private void open(String name, Workload workload, boolean keepAlive) throws InterruptedException {
		Timing timing = new Timing(this.options.warmup(), this.options.mixDuration());
		String load = String.format(Locale.ROOT, "open %.0f/s", this.options.rate());
		announce(name, load, timing);
		record(name, load, keepAlive ? "keep-alive" : "close", new OpenLoop(this.options.rate(), timing).run(workload));
	}

	/**
	 * The OpenBao mix with a file audit device, then with a file and a kafka device, each
	 * compared with the mix without audit ({@code mix}); the file device's delivery lag
	 * is sampled during each.
	 */
	private void auditedMixes() throws InterruptedException {
		AuditDevices devices = new AuditDevices(this.http);
		devices.disableAll();
		EmbeddedKafkaKraftBroker broker = null;
		try {
			say("enabling the file audit device %s -> %s", AuditDevices.FILE, this.options.auditFile());
			devices.enableFile(this.options.auditFile());
			if (this.options.runs("mix-audit-file")) {
				auditedMix(Verdicts.MIX + "-audit-file");
			}
			if (this.options.runs("mix-audit-kafka")) {
				String servers = this.options.kafka();
				if (servers.equals("embedded")) {
					say("starting a Kafka broker (KRaft) in this JVM");
					broker = new EmbeddedKafkaKraftBroker(1, 3, KAFKA_TOPIC);
					broker.afterPropertiesSet();
					servers = broker.getBrokersAsString();
				}
				say("enabling the kafka audit device %s -> %s topic %s", AuditDevices.KAFKA, servers, KAFKA_TOPIC);
				devices.enableKafka(servers, KAFKA_TOPIC);
				auditedMix(Verdicts.MIX + "-audit-file-kafka");
			}
		}
		finally {
			devices.disableAll();
			if (broker != null) {
				broker.destroy();
			}
		}
	}

	private void auditedMix(String name) throws InterruptedException {
		Timing timing = new Timing(this.options.warmup(), this.options.mixDuration());
		String load = String.format(Locale.ROOT, "open %.0f/s", this.options.rate());
		announce(name, load, timing);
		List<Stats> stats = new ArrayList<>();
		try (AuditLagProbe lag = AuditLagProbe.start(this.options.auditFile(), Duration.ofMillis(500))) {
			stats.addAll(new OpenLoop(this.options.rate(), timing).run(this.workloads.openBaoMix(this.http)));
			stats.add(lag.stats());
		}
		record(name, load, "keep-alive", stats);
	}

	private void closed(String name, Workload workload) throws InterruptedException {
		Timing timing = new Timing(this.options.warmup(), this.options.maxDuration());
		ClosedLoop loop = new ClosedLoop(this.options.threads(), timing);
		announce(name, closedLoad(loop), timing);
		record(name, closedLoad(loop), "keep-alive", loop.run(workload));
	}

	private void cpLimits() throws InterruptedException {
		say("starting an embedded 3-member Hazelcast CP group (ports 20000-31999, own cluster name)");
		Timing timing = new Timing(this.options.warmup(), this.options.limitDuration());
		ClosedLoop loop = new ClosedLoop(this.options.threads(), timing);
		try (CpCommitLimit cp = CpCommitLimit.start(new SecureRandom())) {
			announce(Verdicts.CP_LONG, closedLoad(loop), timing);
			record(Verdicts.CP_LONG, closedLoad(loop), "embedded", cp.atomicLong(loop));
			announce(Verdicts.CP_REFERENCE, closedLoad(loop), timing);
			record(Verdicts.CP_REFERENCE, closedLoad(loop), "embedded", cp.atomicReference(loop, CP_VALUE_BYTES));
		}
	}

	private void rocksLimits() throws IOException, InterruptedException {
		Timing timing = new Timing(this.options.warmup(), this.options.limitDuration());
		try (RocksSyncLimit rocks = RocksSyncLimit.open(this.options.diskDir())) {
			say("RocksDB synced puts of %d bytes in %s", ROCKS_VALUE_BYTES, rocks.dir());
			for (ClosedLoop loop : List.of(new ClosedLoop(1, timing), new ClosedLoop(this.options.threads(), timing))) {
				String name = "limit-rocksdb-sync-" + loop.threads() + "t";
				announce(name, closedLoad(loop), timing);
				record(name, closedLoad(loop), "embedded", rocks.syncedPuts(loop, ROCKS_VALUE_BYTES));
			}
			// the suite's three replicas share this disk and fsync the same entry at once
			try (RocksSyncLimit second = RocksSyncLimit.open(this.options.diskDir());
					RocksSyncLimit third = RocksSyncLimit.open(this.options.diskDir())) {
				String name = "limit-rocksdb-sync-3db";
				announce(name, "closed 3 thr", timing);
				record(name, "closed 3 thr", "embedded",
						rocks.syncedPutsAcross(List.of(second, third), timing, ROCKS_VALUE_BYTES));
			}
		}
	}

	private void record(String name, String load, String connections, List<Stats> stats) {
		this.results.add(new ScenarioResult(name, load, connections, stats));
		for (Stats s : stats) {
			say("  %-16s %9.1f/s  p50 %.2f  p90 %.2f  p99 %.2f  max %.1f ms  errors %d", s.kind(), s.rps(), s.p50(),
					s.p90(), s.p99(), s.max(), s.errors());
		}
	}

	private void announce(String name, String load, Timing timing) {
		say("%s: %s, %d s warm-up + %d s measured", name, load, timing.warmup().toSeconds(),
				timing.measured().toSeconds());
	}

	private static String closedLoad(ClosedLoop loop) {
		return "closed " + loop.threads() + " thr";
	}

	private void say(String format, Object... args) {
		this.progress.println(String.format(Locale.ROOT, format, args));
		this.progress.flush();
	}

}
