package io.coffer.secrets.storage.replicated;

/**
 * Names of every Hazelcast object the storage uses; all CP objects live in the default CP
 * group.
 */
final class CpNames {

	static final String ACTIVE_LOCK = "coffer.active.lock";

	static final String ACTIVE_NODE = "coffer.active.node";

	static final String LOG_HEAD = "coffer.log.head";

	static final String LOG_SLOT_PREFIX = "coffer.log.slot.";

	static final String BOOTSTRAP_BOARD = "coffer.bootstrap.positions";

	static final String HINT_TOPIC = "coffer.log.committed";

	static final String APPLIED_TOPIC = "coffer.log.applied";

	static final String STATUS_TOPIC = "coffer.node.status";

	static final String COPY_EXECUTOR = "coffer.replica.copy";

	/**
	 * Runs {@link RestoreTasks} on the nodes that stage a restore (they call back on
	 * COPY_EXECUTOR).
	 */
	static final String RESTORE_EXECUTOR = "coffer.replica.restore";

	private CpNames() {
	}

}
