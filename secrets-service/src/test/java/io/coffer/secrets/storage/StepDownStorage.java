package io.coffer.secrets.storage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory storage that behaves like the replicated one towards a node's HA role: writes
 * are refused with {@link StandbyException} while the node is not active, and a test can
 * make the node lose the active role right after a chosen write of a request (as losing
 * the lock or {@code sys/step-down} between two writes of a login would).
 */
public class StepDownStorage extends InMemoryStorage {

	private final HaCluster ha;

	private final AtomicInteger writesBeforeStepDown = new AtomicInteger(-1);

	public StepDownStorage(HaCluster ha) {
		this.ha = ha;
	}

	/** The node leaves the election right after the next {@code writes} writes. */
	public void stepDownAfter(int writes) {
		this.writesBeforeStepDown.set(writes);
	}

	@Override
	public void write(List<StorageOp> batch) {
		if (!this.ha.isActive()) {
			throw new StandbyException("this node is a standby; writes are served by the active node");
		}
		super.write(batch);
		if (this.writesBeforeStepDown.get() > 0 && this.writesBeforeStepDown.decrementAndGet() == 0) {
			this.writesBeforeStepDown.set(-1);
			this.ha.leaveElection();
		}
	}

}
