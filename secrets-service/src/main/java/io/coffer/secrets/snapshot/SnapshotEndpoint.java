package io.coffer.secrets.snapshot;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code GET sys/storage/raft/snapshot}: a snapshot of this node's replica, streamed as
 * {@code application/octet-stream} (what {@code vault operator raft snapshot save} writes
 * to its file). Vault asks no {@code sudo} for it, only {@code read} on the path.
 * Restoring ({@code POST}) does not exist yet and answers as any unsupported path.
 */
@Component
class SnapshotEndpoint implements SysEndpoint {

	static final String PATH = "storage/raft/snapshot";

	private final SnapshotProducer producer;

	SnapshotEndpoint(SnapshotProducer producer) {
		this.producer = producer;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PATH);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (request.operation() != Operation.READ) {
			throw VaultException.unsupportedPath(request.path());
		}
		return LogicalResponse.binary(this.producer.take());
	}

}
