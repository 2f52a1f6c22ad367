package io.coffer.secrets.recovery;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.StreamedBody;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * Vault Enterprise's {@code sys/storage/raft/snapshot-load}: {@code POST} loads the
 * snapshot in the request body (streamed, as a restore's) and answers its id;
 * {@code LIST} names the loaded snapshot; {@code GET .../:snapshot_id} its status;
 * {@code DELETE .../:snapshot_id} unloads it ({@code 204}). An unknown id is a
 * {@code 404}. Each operation needs its ordinary capability on the path.
 */
@Component
class SnapshotLoadEndpoint implements SysEndpoint {

	static final String PATH = "storage/raft/snapshot-load";

	private final LoadedSnapshots snapshots;

	SnapshotLoadEndpoint(LoadedSnapshots snapshots) {
		this.snapshots = snapshots;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PATH) || path.startsWith(PATH + "/");
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		String id = request.path().equals(PATH) ? "" : request.path().substring(PATH.length() + 1);
		return switch (request.operation()) {
			case UPDATE, CREATE -> {
				if (!id.isEmpty()) {
					throw VaultException.unsupportedOperation();
				}
				yield LogicalResponse.data(
						this.snapshots
							.load(StreamedBody.current()
								.orElseThrow(() -> VaultException
									.badRequest("the snapshot to load must be the request body")))
							.status());
			}
			case LIST -> {
				if (!id.isEmpty()) {
					throw VaultException.unsupportedOperation();
				}
				List<String> ids = this.snapshots.ids();
				if (ids.isEmpty()) {
					throw new VaultException(404, List.of());
				}
				yield LogicalResponse.data(Map.of("keys", ids));
			}
			case READ -> LogicalResponse.data(known(id).status());
			case DELETE -> {
				if (id.isEmpty() || !this.snapshots.unload(id)) {
					throw new VaultException(404, List.of());
				}
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LoadedSnapshot known(String id) {
		if (id.isEmpty()) {
			throw VaultException.unsupportedOperation();
		}
		return this.snapshots.find(id).orElseThrow(() -> new VaultException(404, List.of()));
	}

}
