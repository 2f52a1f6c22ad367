package io.coffer.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.coffer.e2e.chaos.Autopilot;
import io.coffer.e2e.chaos.Diagnosis;
import io.coffer.e2e.chaos.Writers;
import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.cluster.ServiceProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's bad day (issue 15): kill -9 of the active node under concurrent writes,
 * relaunch it on its data directory, unseal it, and again, round after round; then two
 * nodes killed in quick succession, one of them just restarted. The cluster must serve
 * after every round, the relaunched node must vote again (autopilot failure tolerance 1)
 * and no acknowledged write may be lost. Figures go to stdout and
 * {@code target/e2e-results/chaos.txt}.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.perClass(3);

	private static final int ROUNDS = Integer.getInteger("coffer.e2e.chaos-rounds", 10);

	private static final int WRITERS = 8;

	/**
	 * STORAGE.md: a relaunched node votes within this time of answering HTTP; the next
	 * kill never comes sooner, even if autopilot says so earlier.
	 */
	private static final Duration DOCUMENTED_VOTER_TIME = Duration.ofSeconds(2);

	/** Longer than any failover and any CP re-formation may take: past it, it wedged. */
	private static final Duration WEDGED = Duration.ofSeconds(90);

	private static final List<String> report = new ArrayList<>();

	@Test
	@Order(1)
	void repeatedKillsOfTheActiveNeverWedgeTheClusterNorLoseAnAcknowledgedWrite() throws Exception {
		CofferCluster cluster = coffer.cluster();
		Autopilot autopilot = new Autopilot(cluster.http(), cluster.rootToken());
		List<Long> failovers = new ArrayList<>();
		List<Long> upToVoter = new ArrayList<>();
		List<Long> launchToVoter = new ArrayList<>();
		try (Writers writers = Writers.start(cluster.http(), cluster.rootToken(), "chaos", WRITERS)) {
			awaitAcknowledged(cluster, writers, 100);
			autopilot.awaitFailureTolerance(1, null, WEDGED);
			for (int round = 1; round <= ROUNDS; round++) {
				ServiceProcess active = cluster.activeNode();
				writers.markKill();
				active.killForcibly();
				// relaunched at once, as an operator (or a supervisor) would
				long launchedAt = System.nanoTime();
				cluster.startNode(active);
				long failover = awaitAck(cluster, writers,
						"round " + round + ": a write acknowledged after kill -9 of " + active.name());
				failovers.add(failover);
				cluster.awaitNodeUp(active);
				long upAt = System.nanoTime();
				cluster.unsealNode(active);
				autopilot.awaitFailureTolerance(1, active.name(), WEDGED);
				long voterAt = System.nanoTime();
				upToVoter.add(TimeUnit.NANOSECONDS.toMillis(voterAt - upAt));
				launchToVoter.add(TimeUnit.NANOSECONDS.toMillis(voterAt - launchedAt));
				line("round %2d: killed %s (active); writes acknowledged again after %d ms; relaunched, voter %d ms "
						+ "after launch (%d ms after answering HTTP); %d acknowledged so far", round, active.name(),
						failover, launchToVoter.getLast(), upToVoter.getLast(), writers.acknowledgedCount());
				long earliest = upAt + DOCUMENTED_VOTER_TIME.toNanos();
				TimeUnit.NANOSECONDS.sleep(Math.max(0, earliest - System.nanoTime()));
			}
			writers.stop();
			Map<String, String> lost = writers.lostWrites();
			line("CHAOS: %d rounds of kill -9 of the active under %d writers: failover median %d ms, max %d ms; "
					+ "relaunched node voter after launch median %d ms, max %d ms (after answering HTTP median %d ms, "
					+ "max %d ms); writes acknowledged %d, failed or unknown %d, acknowledged but lost %d", ROUNDS,
					WRITERS, median(failovers), max(failovers), median(launchToVoter), max(launchToVoter),
					median(upToVoter), max(upToVoter), writers.acknowledgedCount(), writers.failedCount(), lost.size());
			assertThat(lost).as("acknowledged writes that do not read back").isEmpty();
		}
		finally {
			writeReport();
		}
	}

	@Test
	@Order(2)
	void twoNodesKilledInQuickSuccessionOneJustRestartedRecoverWithoutAnOperator() throws Exception {
		CofferCluster cluster = coffer.cluster();
		Autopilot autopilot = new Autopilot(cluster.http(), cluster.rootToken());
		try (Writers writers = Writers.start(cluster.http(), cluster.rootToken(), "double", WRITERS)) {
			awaitAcknowledged(cluster, writers, 50);
			autopilot.awaitFailureTolerance(1, null, WEDGED);
			ServiceProcess first = cluster.activeNode();
			first.killForcibly();
			writers.markKill();
			awaitAck(cluster, writers, "a write acknowledged after kill -9 of " + first.name());
			// relaunched, and before it can have rejoined, another (voting) node dies:
			// the CP group is left with one of its three members
			ServiceProcess second = cluster.nodes()
				.stream()
				.filter((node) -> node != first && node.isAlive())
				.findFirst()
				.orElseThrow();
			cluster.startNode(first);
			second.killForcibly();
			long bothDownAt = System.nanoTime();
			writers.markKill();
			cluster.awaitNodeUp(first);
			cluster.unsealNode(first);
			cluster.restartNode(second);
			cluster.unsealNode(second);
			long bothBackAt = System.nanoTime();
			long firstAck = awaitAck(cluster, writers,
					"a write acknowledged once " + first.name() + " and " + second.name() + " are back");
			autopilot.awaitFailureTolerance(1, null, WEDGED);
			long tolerantAt = System.nanoTime();
			writers.stop();
			Map<String, String> lost = writers.lostWrites();
			line("DOUBLE KILL: killed %s (active), relaunched it and at once killed %s; both back and unsealed "
					+ "%d ms after the second kill; writes acknowledged %d ms after the second kill, failure tolerance "
					+ "1 again %d ms after both were back; writes acknowledged %d, failed or unknown %d, "
					+ "acknowledged but lost %d", first.name(), second.name(), millis(bothBackAt - bothDownAt),
					firstAck, millis(tolerantAt - bothBackAt), writers.acknowledgedCount(), writers.failedCount(),
					lost.size());
			assertThat(lost).as("acknowledged writes that do not read back").isEmpty();
		}
		finally {
			writeReport();
		}
	}

	/**
	 * Waits for a write acknowledged after the last kill; if none comes, fails with what
	 * each node said (CI keeps only the end of the output).
	 */
	private static long awaitAck(CofferCluster cluster, Writers writers, String description) {
		return diagnosed(cluster, () -> writers.awaitAckAfterKill(WEDGED, description));
	}

	private static void awaitAcknowledged(CofferCluster cluster, Writers writers, int count) {
		diagnosed(cluster, () -> {
			writers.awaitAcknowledged(count, Duration.ofSeconds(60));
			return count;
		});
	}

	private static long diagnosed(CofferCluster cluster, LongSupplier wait) {
		try {
			return wait.getAsLong();
		}
		catch (ConditionTimeoutException ex) {
			throw Diagnosis.of(cluster, ex);
		}
	}

	private static void line(String format, Object... args) {
		String text = String.format(format, args);
		System.out.println(text);
		report.add(text);
	}

	private static void writeReport() throws IOException {
		Path results = Files.createDirectories(Path.of("target", "e2e-results"));
		Files.write(results.resolve("chaos.txt"), report);
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
	}

	private static long max(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).max().orElse(-1);
	}

}
