package io.coffer.secrets.recovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.SnapshotAccess;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * Serves a request that names a loaded snapshot (Vault Enterprise's single-item
 * recovery), after the request passed the ACL like any other:
 * <ul>
 * <li>a read or list with {@code read_snapshot_id} is answered by the mount's own engine
 * built over the snapshot's copy of the mount's data, so it looks exactly like a live
 * read;</li>
 * <li>a recover reads the item from the snapshot the same way and writes it to live data
 * through the live engine's ordinary write (barrier, log, audit): a KV version 1 secret
 * as it was, a KV version 2 secret's current version as a new version of
 * {@code data/<path>}. An item the snapshot lacks is a 400 and changes nothing.</li>
 * </ul>
 * Only KV mounts (versions 1 and 2) are served; any other path is Vault's 405
 * {@code unsupported operation}. The item's mount must still be the one the snapshot
 * holds: a mount disabled since has another id, and its data are not found.
 */
@Component
public class SnapshotRequests {

	private static final Set<String> KV_TYPES = Set.of("kv", "kv-v1", "kv-v2", "generic");

	private final LoadedSnapshots snapshots;

	private final EngineFactory kv;

	SnapshotRequests(LoadedSnapshots snapshots, List<EngineFactory> factories) {
		this.snapshots = snapshots;
		this.kv = factories.stream()
			.filter((factory) -> factory.types().contains("kv"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no KV engine factory"));
	}

	/**
	 * @param access the snapshot and what to do with it
	 * @param request the request as routed (its path relative to its mount)
	 * @param live the mount's live engine, which a recover writes through
	 */
	public LogicalResponse handle(SnapshotAccess access, LogicalRequest request, SecretEngine live) {
		MountEntry mount = request.mount();
		if (!KV_TYPES.contains(mount.type())) {
			throw VaultException.unsupportedOperation();
		}
		LoadedSnapshot snapshot = this.snapshots.require(access.snapshotId());
		return snapshot.use(() -> {
			SecretEngine fromSnapshot = snapshot.engine(mount, (view) -> this.kv.create(mount, view));
			if (!access.recover()) {
				if (request.operation() != Operation.READ && request.operation() != Operation.LIST) {
					throw VaultException.unsupportedOperation();
				}
				return fromSnapshot.handle(withData(request, request.operation(), request.path(), withoutId(request)));
			}
			return recover(access, request, fromSnapshot, live);
		});
	}

	private LogicalResponse recover(SnapshotAccess access, LogicalRequest request, SecretEngine fromSnapshot,
			SecretEngine live) {
		MountEntry mount = request.mount();
		String source = sourcePath(access, request);
		boolean v2 = isVersion2(mount);
		if (v2 && !(source.startsWith("data/") && request.path().startsWith("data/"))) {
			throw VaultException.unsupportedOperation();
		}
		LogicalResponse found;
		try {
			found = fromSnapshot.handle(withData(request, Operation.READ, source, Map.of()));
		}
		catch (VaultException ex) {
			if (ex.status() == 404) {
				throw absent(mount, source, access);
			}
			throw ex;
		}
		Map<String, Object> data = found.data();
		if (found.status() == 404 || data == null) {
			throw absent(mount, source, access);
		}
		Map<String, Object> write = data;
		if (v2) {
			Object current = data.get("data");
			if (!(current instanceof Map<?, ?>)) {
				throw absent(mount, source, access);
			}
			write = Map.of("data", current);
		}
		return live.handle(withData(request, Operation.UPDATE, request.path(), write));
	}

	/**
	 * The path read in the snapshot, relative to the mount: the request's own by default.
	 */
	private static String sourcePath(SnapshotAccess access, LogicalRequest request) {
		if (access.sourcePath() == null) {
			return request.path();
		}
		String mountPath = request.mount().path();
		if (!access.sourcePath().startsWith(mountPath) || access.sourcePath().length() == mountPath.length()) {
			throw VaultException.badRequest(
					"the recover source path must be in the same mount as the path recovered (" + mountPath + ")");
		}
		return access.sourcePath().substring(mountPath.length());
	}

	private static VaultException absent(MountEntry mount, String source, SnapshotAccess access) {
		return VaultException
			.badRequest("no data found at " + mount.path() + source + " in snapshot " + access.snapshotId());
	}

	private static boolean isVersion2(MountEntry mount) {
		return "kv-v2".equals(mount.type()) || "2".equals(mount.options().get("version"));
	}

	private static Map<String, Object> withoutId(LogicalRequest request) {
		Map<String, Object> data = new LinkedHashMap<>(request.data());
		data.remove(SnapshotAccess.READ_PARAMETER);
		return data;
	}

	private static LogicalRequest withData(LogicalRequest request, Operation operation, String path,
			Map<String, Object> data) {
		return new LogicalRequest(operation, path, data, request.mount(), request.requestId());
	}

}
