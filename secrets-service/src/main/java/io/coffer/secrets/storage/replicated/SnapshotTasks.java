package io.coffer.secrets.storage.replicated;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;

/**
 * Tasks a copying node runs on its source through a Hazelcast executor; they reach the
 * source's {@link SnapshotSource} through the member's user context.
 */
final class SnapshotTasks {

	private SnapshotTasks() {
	}

	/**
	 * A task that runs against the {@link SnapshotSource} of the member it is sent to.
	 */
	abstract static class SourceTask<T> extends ContextTask<SnapshotSource, T> {

		@Serial
		private static final long serialVersionUID = 1L;

		@Override
		final String contextKey() {
			return HazelcastFactory.USER_CONTEXT_KEY;
		}

		@Override
		final T run(SnapshotSource source, HazelcastInstance hazelcast) {
			return run(source);
		}

		abstract T run(SnapshotSource source);

	}

	static final class Open extends SourceTask<SnapshotSource.Opened> {

		@Serial
		private static final long serialVersionUID = 1L;

		@Override
		SnapshotSource.Opened run(SnapshotSource source) {
			return source.open();
		}

	}

	/**
	 * Reads one key of the source's replica (for a sealed node, see {@link SealedReads}).
	 */
	static final class Read extends SourceTask<byte[]> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String key;

		Read(String key) {
			this.key = key;
		}

		@Override
		byte[] run(SnapshotSource source) {
			return source.read(this.key);
		}

	}

	/** Lists under a prefix of the source's replica (for a sealed node). */
	static final class ListKeys extends SourceTask<ArrayList<String>> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String prefix;

		ListKeys(String prefix) {
			this.prefix = prefix;
		}

		@Override
		ArrayList<String> run(SnapshotSource source) {
			return source.list(this.prefix);
		}

	}

	/** Opens a staged restore on the source (see {@link SnapshotSource#openStaged}). */
	static final class OpenStaged extends SourceTask<SnapshotSource.Opened> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final UUID staging;

		OpenStaged(UUID staging) {
			this.staging = staging;
		}

		@Override
		SnapshotSource.Opened run(SnapshotSource source) {
			return source.openStaged(this.staging);
		}

	}

	static final class Next extends SourceTask<ReplicaSnapshot.Chunk> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final UUID session;

		Next(UUID session) {
			this.session = session;
		}

		@Override
		ReplicaSnapshot.Chunk run(SnapshotSource source) {
			return source.next(this.session);
		}

	}

}
