package io.coffer.bench.report;

import java.util.List;
import java.util.Optional;

import io.coffer.bench.load.Stats;

/**
 * One scenario's outcome: how load was applied ({@code load}: "open 500/s" or "closed 16
 * thr"), over which connections ({@code connections}: keep-alive, close, or embedded for
 * the in-process limits) and the figures of each kind of operation it sent.
 */
public record ScenarioResult(String scenario, String load, String connections, List<Stats> stats) {

	public Optional<Stats> kind(String kind) {
		return this.stats.stream().filter((s) -> s.kind().equals(kind)).findFirst();
	}

	/** The only kind, or the first for a mix. */
	public Stats main() {
		return this.stats.get(0);
	}

}
