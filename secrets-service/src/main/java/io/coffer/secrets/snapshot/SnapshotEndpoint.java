package io.coffer.secrets.snapshot;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.StreamedBody;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code GET sys/storage/raft/snapshot}: a snapshot of this node's replica, streamed as
 * {@code application/octet-stream} (what {@code vault operator raft snapshot save} writes
 * to its file). Vault asks no {@code sudo} for it, only {@code read} on the path.
 * {@code POST} (or {@code PUT}) restores the snapshot in the request body
 * ({@code vault operator raft snapshot restore}): {@code 204} once a majority of the
 * nodes installed it; a snapshot of another cluster is refused. {@code POST} (or
 * {@code PUT}) on {@code sys/storage/raft/snapshot-force}
 * ({@code vault operator raft snapshot restore -force}) also restores another cluster's
 * snapshot: its state replaces this cluster's and every node seals, to be unsealed with
 * that cluster's keys. Like Vault, both need {@code update} on their path, no
 * {@code sudo}.
 */
@Component
class SnapshotEndpoint implements SysEndpoint {

	static final String PATH = "storage/raft/snapshot";

	static final String FORCE_PATH = "storage/raft/snapshot-force";

	private final SnapshotProducer producer;

	private final SnapshotRestorer restorer;

	SnapshotEndpoint(SnapshotProducer producer, SnapshotRestorer restorer) {
		this.producer = producer;
		this.restorer = restorer;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PATH) || path.equals(FORCE_PATH);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		boolean force = request.path().endsWith(FORCE_PATH);
		return switch (request.operation()) {
			case READ -> {
				if (force) {
					throw VaultException.unsupportedOperation();
				}
				yield LogicalResponse.binary(this.producer.take());
			}
			case UPDATE -> this.restorer.restore(StreamedBody.current()
				.orElseThrow(() -> VaultException.badRequest("the snapshot to restore must be the request body")),
					force);
			default -> throw VaultException.unsupportedPath(request.path());
		};
	}

}
