package io.coffer.secrets.storage.replicated;

import com.hazelcast.cp.IAtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new epoch when the CP log is empty (first start, every node restarted and CP
 * memory is gone, or CP was reset by {@link CpRecovery}). Waits until a majority of the
 * configured nodes has published its position: every acknowledged write reached a
 * majority of replicas, so the most advanced of any majority holds all of them. A node
 * that publishes no longer applies entries of the old epoch (its follower applies nothing
 * while there is no head), so a published position does not move.
 */
final class Seeder {

	private static final Logger logger = LoggerFactory.getLogger(Seeder.class);

	private final NodeRuntime runtime;

	private final Lazy<IAtomicReference<BootstrapBoard>> board;

	private int lastWaitingFor = -1;

	Seeder(NodeRuntime runtime) {
		this.runtime = runtime;
		this.board = Lazy.perCpGeneration(runtime.raftNodes,
				() -> runtime.hazelcast.getCPSubsystem().getAtomicReference(CpNames.BOOTSTRAP_BOARD));
	}

	/** Publishes this node's position and seeds the epoch if this node is the seed. */
	void step(Position mine) {
		BootstrapBoard current = CpLog
			.await(this.board.get().alterAndGetAsync(new BootstrapBoard.Publish(this.runtime.nodeId(), mine)));
		int missing = this.runtime.settings.majority() - current.positions().size();
		if (missing > 0) {
			if (missing != this.lastWaitingFor) {
				logger.info("No log epoch yet; waiting for {} more node(s) to publish their position", missing);
				this.lastWaitingFor = missing;
			}
			return;
		}
		if (!current.seed().equals(this.runtime.nodeId())) {
			return;
		}
		Epoch epoch = new Epoch(mine.epoch().ordinal() + 1, this.runtime.random.nextLong());
		byte[] genesis = LogCodec.encode(LogEntry.genesis(epoch, mine));
		if (this.runtime.cpLog.append(genesis)) {
			this.runtime.cpLog.archive(genesis);
			logger.info("Node {} seeded log epoch {} after its position {}", this.runtime.nodeId(), epoch, mine);
		}
	}

}
