package io.coffer.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.bench.load.Stats;

/**
 * Coffer's figures as fractions of the limits measured in the same run, and the goals of
 * issue 4 checked against them. A goal whose inputs were not measured is absent, not
 * failed.
 */
public final class Verdicts {

	public static final String MIX = "openbao-mix";

	public static final String MIX_CLOSE = "openbao-mix-close";

	public static final String KV_READ = "kv-read-max";

	public static final String KV_WRITE = "kv-write-max";

	public static final String GATEWAY_HEALTH = "limit-gateway-health";

	public static final String NODE_HEALTH = "limit-node-health";

	public static final String CP_LONG = "limit-cp-atomic-long";

	public static final String CP_REFERENCE = "limit-cp-reference-1k";

	private final Map<String, ScenarioResult> results = new LinkedHashMap<>();

	public Verdicts(List<ScenarioResult> results) {
		results.forEach((r) -> this.results.put(r.scenario(), r));
	}

	public Map<String, Double> ratios() {
		Map<String, Double> ratios = new LinkedHashMap<>();
		ratio(KV_READ, GATEWAY_HEALTH).ifPresent((r) -> ratios.put("kv_read_rps / gateway_proxy_rps", r));
		ratio(KV_WRITE, CP_LONG).ifPresent((r) -> ratios.put("kv_write_rps / cp_commit_rps", r));
		ratio(KV_WRITE, CP_REFERENCE).ifPresent((r) -> ratios.put("kv_write_rps / cp_reference_1k_rps", r));
		ratio(GATEWAY_HEALTH, NODE_HEALTH).ifPresent((r) -> ratios.put("gateway_proxy_rps / node_direct_rps", r));
		return ratios;
	}

	public List<Goal> goals() {
		List<Goal> goals = new ArrayList<>();
		stat(MIX, "read")
			.ifPresent((s) -> goals.add(Goal.below("OpenBao mix 500/s keep-alive: read p99 (ms)", s.p99(), 10)));
		stat(MIX, "write")
			.ifPresent((s) -> goals.add(Goal.below("OpenBao mix 500/s keep-alive: write p99 (ms)", s.p99(), 50)));
		Map<String, Double> ratios = ratios();
		Optional.ofNullable(ratios.get("kv_read_rps / gateway_proxy_rps"))
			.ifPresent((r) -> goals.add(Goal.atLeast("KV v2 read rps / bare-proxy rps", r, 0.5)));
		Optional.ofNullable(ratios.get("kv_write_rps / cp_commit_rps"))
			.ifPresent((r) -> goals.add(Goal.atLeast("KV v2 write rps / raw CP commit rps", r, 0.25)));
		return goals;
	}

	private Optional<Stats> stat(String scenario, String kind) {
		return Optional.ofNullable(this.results.get(scenario)).flatMap((r) -> r.kind(kind));
	}

	private Optional<Double> ratio(String numerator, String denominator) {
		ScenarioResult top = this.results.get(numerator);
		ScenarioResult bottom = this.results.get(denominator);
		if (top == null || bottom == null || bottom.main().rps() <= 0) {
			return Optional.empty();
		}
		return Optional.of(top.main().rps() / bottom.main().rps());
	}

	/** A goal and whether this run met it. */
	public record Goal(String name, double measured, String target, boolean met) {

		static Goal below(String name, double measured, double limit) {
			return new Goal(name, measured, "< " + limit, measured < limit);
		}

		static Goal atLeast(String name, double measured, double limit) {
			return new Goal(name, measured, ">= " + limit, measured >= limit);
		}

	}

}
