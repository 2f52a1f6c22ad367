package io.coffer.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.coffer.bench.load.Stats;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

	private static ScenarioResult result(String name, Stats... stats) {
		return new ScenarioResult(name, "closed 16 thr", "keep-alive", List.of(stats));
	}

	private static Stats stats(String kind, double rps, double p99) {
		return new Stats(kind, 1000, 0, rps, 1, 2, p99, p99 + 1, null);
	}

	@Test
	void coffersFiguresAreFractionsOfTheLimitsOfTheSameRun() {
		Verdicts verdicts = new Verdicts(List.of(result(Verdicts.GATEWAY_HEALTH, stats("h", 4000, 5)),
				result(Verdicts.KV_READ, stats("r", 3000, 8)), result(Verdicts.KV_WRITE, stats("w", 500, 40)),
				result(Verdicts.CP_LONG, stats("cp", 10000, 3))));

		assertThat(verdicts.ratios()).containsEntry("kv_read_rps / gateway_proxy_rps", 0.75)
			.containsEntry("kv_write_rps / cp_commit_rps", 0.05)
			.doesNotContainKey("gateway_proxy_rps / node_direct_rps");
		assertThat(verdicts.goals()).extracting(Verdicts.Goal::met).containsExactly(true, false);
	}

	@Test
	void theMixGoalsJudgeReadsAndWritesByTheirOwnP99() {
		Verdicts verdicts = new Verdicts(
				List.of(result(Verdicts.MIX, stats("read", 450, 9.5), stats("write", 50, 61))));

		assertThat(verdicts.goals()).extracting(Verdicts.Goal::name, Verdicts.Goal::met)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("OpenBao mix 500/s keep-alive: read p99 (ms)", true),
					org.assertj.core.groups.Tuple.tuple("OpenBao mix 500/s keep-alive: write p99 (ms)", false));
	}

	@Test
	void aGoalWhoseLimitWasNotMeasuredIsAbsentNotFailed() {
		Verdicts verdicts = new Verdicts(List.of(result(Verdicts.KV_WRITE, stats("w", 500, 40))));

		assertThat(verdicts.ratios()).isEmpty();
		assertThat(verdicts.goals()).isEmpty();
	}

}
