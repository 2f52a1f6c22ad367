package io.coffer.secrets.storage.replicated;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

/**
 * Tasks a copying node runs on its source through a Hazelcast executor; they reach the
 * source's {@link SnapshotSource} through the member's user context.
 */
final class SnapshotTasks {

	private SnapshotTasks() {
	}

	private static SnapshotSource source(HazelcastInstance hazelcast) {
		return (SnapshotSource) hazelcast.getUserContext().get(HazelcastFactory.USER_CONTEXT_KEY);
	}

	static final class Open implements Callable<SnapshotSource.Opened>, Serializable, HazelcastInstanceAware {

		@Serial
		private static final long serialVersionUID = 1L;

		private transient HazelcastInstance hazelcast;

		@Override
		public void setHazelcastInstance(HazelcastInstance hazelcast) {
			this.hazelcast = hazelcast;
		}

		@Override
		public SnapshotSource.Opened call() {
			return source(this.hazelcast).open();
		}

	}

	static final class Next implements Callable<ReplicaSnapshot.Chunk>, Serializable, HazelcastInstanceAware {

		@Serial
		private static final long serialVersionUID = 1L;

		private final UUID session;

		private transient HazelcastInstance hazelcast;

		Next(UUID session) {
			this.session = session;
		}

		@Override
		public void setHazelcastInstance(HazelcastInstance hazelcast) {
			this.hazelcast = hazelcast;
		}

		@Override
		public ReplicaSnapshot.Chunk call() {
			return source(this.hazelcast).next(this.session);
		}

	}

}
