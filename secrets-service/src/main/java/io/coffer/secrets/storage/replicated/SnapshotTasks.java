package io.coffer.secrets.storage.replicated;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
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

	/**
	 * Reads one key of the source's replica (for a sealed node, see {@link SealedReads}).
	 */
	static final class Read implements Callable<byte[]>, Serializable, HazelcastInstanceAware {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String key;

		private transient HazelcastInstance hazelcast;

		Read(String key) {
			this.key = key;
		}

		@Override
		public void setHazelcastInstance(HazelcastInstance hazelcast) {
			this.hazelcast = hazelcast;
		}

		@Override
		public byte[] call() {
			return source(this.hazelcast).read(this.key);
		}

	}

	/** Lists under a prefix of the source's replica (for a sealed node). */
	static final class ListKeys implements Callable<ArrayList<String>>, Serializable, HazelcastInstanceAware {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String prefix;

		private transient HazelcastInstance hazelcast;

		ListKeys(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public void setHazelcastInstance(HazelcastInstance hazelcast) {
			this.hazelcast = hazelcast;
		}

		@Override
		public ArrayList<String> call() {
			return source(this.hazelcast).list(this.prefix);
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
