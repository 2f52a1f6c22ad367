package io.coffer.secrets.storage.replicated;

import java.util.UUID;

import com.hazelcast.cluster.Member;

/**
 * A node's part in a restore driven by the active node: copies the staged state from it
 * (verified with the log key and against the restore's digest) and keeps it until the
 * restore entry is applied, or drops it when the restore is abandoned.
 */
final class RestoreStager implements RestoreTasks.Stager {

	private final NodeRuntime runtime;

	private final ReplicaCopier copier;

	RestoreStager(NodeRuntime runtime) {
		this.runtime = runtime;
		this.copier = new ReplicaCopier(runtime.hazelcast, runtime.replica, runtime.auth);
	}

	@Override
	public void stage(RestoreMark mark, Member source) {
		if (!this.runtime.auth.keyed()) {
			throw new IllegalStateException("node " + this.runtime.nodeId() + " is sealed: it cannot verify a restore");
		}
		this.copier.stageFrom(source, mark);
	}

	@Override
	public void drop(UUID staging) {
		this.runtime.replica.dropStaged(staging);
	}

}
