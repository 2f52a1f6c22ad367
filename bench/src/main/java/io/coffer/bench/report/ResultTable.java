package io.coffer.bench.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.coffer.bench.load.Stats;

/** The human-readable summary: one line per kind of operation, then ratios and goals. */
public final class ResultTable {

	private static final String ROW = "%-24s %-16s %-15s %-10s %9s %8s %8s %8s %9s %7s%n";

	private ResultTable() {
	}

	public static void print(PrintStream out, List<ScenarioResult> results, Verdicts verdicts) {
		out.printf(Locale.ROOT, ROW, "scenario", "kind", "load", "conn", "rps", "p50 ms", "p90 ms", "p99 ms", "max ms",
				"errors");
		for (ScenarioResult result : results) {
			for (Stats s : result.stats()) {
				out.printf(Locale.ROOT, ROW, result.scenario(), s.kind(), result.load(), result.connections(),
						fixed(s.rps(), 1), fixed(s.p50(), 2), fixed(s.p90(), 2), fixed(s.p99(), 2), fixed(s.max(), 1),
						s.errors());
				if (s.firstError() != null) {
					out.printf("    first error: %s%n", s.firstError());
				}
			}
		}
		Map<String, Double> ratios = verdicts.ratios();
		if (!ratios.isEmpty()) {
			out.println();
			out.println("Ratios to the limits measured in this run:");
			ratios.forEach((name, value) -> out.printf(Locale.ROOT, "  %-42s %6.3f%n", name, value));
		}
		List<Verdicts.Goal> goals = verdicts.goals();
		if (!goals.isEmpty()) {
			out.println();
			out.println("Goals:");
			goals.forEach((g) -> out.printf(Locale.ROOT, "  %-48s %9.3f  target %-7s %s%n", g.name(), g.measured(),
					g.target(), g.met() ? "MET" : "MISSED"));
		}
	}

	private static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

}
