package io.coffer.secrets.storage.replicated;

import java.io.Serial;
import java.util.UUID;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;

/**
 * Tasks the restoring (active) node sends to its peers: stage the restore it prepared, or
 * drop it when the restore is abandoned. They reach the peer's {@link Stager} through the
 * member's user context.
 */
final class RestoreTasks {

	static final String USER_CONTEXT_KEY = "coffer.storage.restore";

	private RestoreTasks() {
	}

	/** A node's part in a restore it does not drive. */
	interface Stager {

		/** Copies the restore staged on {@code source} and checks it is {@code mark}. */
		void stage(RestoreMark mark, Member source);

		void drop(UUID staging);

	}

	private abstract static class StagerTask<T> extends ContextTask<Stager, T> {

		@Serial
		private static final long serialVersionUID = 1L;

		@Override
		final String contextKey() {
			return USER_CONTEXT_KEY;
		}

	}

	static final class Stage extends StagerTask<Boolean> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final RestoreMark mark;

		private final UUID source;

		Stage(RestoreMark mark, UUID source) {
			this.mark = mark;
			this.source = source;
		}

		@Override
		Boolean run(Stager stager, HazelcastInstance hazelcast) {
			Member member = hazelcast.getCluster()
				.getMembers()
				.stream()
				.filter((m) -> m.getUuid().equals(this.source))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("the restoring node left the cluster"));
			stager.stage(this.mark, member);
			return Boolean.TRUE;
		}

	}

	static final class Drop extends StagerTask<Boolean> {

		@Serial
		private static final long serialVersionUID = 1L;

		private final UUID staging;

		Drop(UUID staging) {
			this.staging = staging;
		}

		@Override
		Boolean run(Stager stager, HazelcastInstance hazelcast) {
			stager.drop(this.staging);
			return Boolean.TRUE;
		}

	}

}
