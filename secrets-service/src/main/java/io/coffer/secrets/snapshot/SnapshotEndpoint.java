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
 * nodes installed it. Restoring another cluster's snapshot ({@code snapshot-force}) is
 * absent.
 */
@Component
class SnapshotEndpoint implements SysEndpoint {

	static final String PATH = "storage/raft/snapshot";

	private final SnapshotProducer producer;

	private final SnapshotRestorer restorer;

	SnapshotEndpoint(SnapshotProducer producer, SnapshotRestorer restorer) {
		this.producer = producer;
		this.restorer = restorer;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PATH);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		return switch (request.operation()) {
			case READ -> LogicalResponse.binary(this.producer.take());
			case UPDATE -> this.restorer.restore(StreamedBody.current()
				.orElseThrow(() -> VaultException.badRequest("the snapshot to restore must be the request body")));
			default -> throw VaultException.unsupportedPath(request.path());
		};
	}

}
