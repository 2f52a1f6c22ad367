package io.coffer.secrets.storage.replicated;

import java.util.Map;

import com.hazelcast.cp.IAtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new epoch when the CP log is empty (first start, every node restarted and CP
 * memory is gone, or CP was reset by {@link CpRecovery}). Waits until a majority of the
 * configured nodes has published its position: every acknowledged write reached a
 * majority of replicas, so the most advanced of any majority holds all of them. A node
 * that publishes no longer applies entries of the old epoch (its follower applies nothing
 * while there is no head), so a published position does not move. A node holding the log
 * key counts only positions signed with it ({@link BootstrapBoard#trusted}).
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
		BootstrapBoard current = CpLog.await(this.board.get()
			.alterAndGetAsync(BootstrapBoard.Publish.of(this.runtime.nodeId(), mine, this.runtime.auth)));
		Map<String, Position> trusted = current.trusted(this.runtime.auth);
		int missing = this.runtime.settings.majority() - trusted.size();
		if (missing > 0) {
			if (missing != this.lastWaitingFor) {
				logger.info("No log epoch yet; waiting for {} more node(s) to publish their position{}", missing,
						(trusted.size() < current.positions().size())
								? " (positions without a valid HMAC are not counted: sealed or forged)" : "");
				this.lastWaitingFor = missing;
			}
			return;
		}
		if (!BootstrapBoard.seed(trusted).equals(this.runtime.nodeId())) {
			return;
		}
		if (!this.runtime.auth.keyed() && !mine.equals(Position.EMPTY)) {
			// every node refuses an unauthenticated genesis after data exists (it could
			// redirect the history): this node seeds once it is unsealed
			if (this.lastWaitingFor != 0) {
				logger.info("Node {} seeds the next log epoch once it is unsealed (it holds the highest position)",
						this.runtime.nodeId());
				this.lastWaitingFor = 0;
			}
			return;
		}
		Epoch epoch = new Epoch(mine.epoch().ordinal() + 1, this.runtime.random.nextLong());
		byte[] genesis = LogCodec.encode(LogEntry.genesis(epoch, mine).signed(this.runtime.auth));
		if (this.runtime.cpLog.append(genesis)) {
			this.runtime.cpLog.archive(genesis);
			logger.info("Node {} seeded log epoch {} after its position {}", this.runtime.nodeId(), epoch, mine);
		}
	}

}
