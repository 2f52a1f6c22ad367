package io.coffer.secrets.engine.kv;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultDurations;

/**
 * KV version 1: one JSON object per path, no history. A read carries a lease TTL hint
 * (the mount's default TTL, or the entry's own {@code ttl}) but no lease.
 */
final class KvV1Engine implements SecretEngine {

	private final BarrierView view;

	private final KvJson json;

	/**
	 * One path, any key; {@code patch} is not served (KV v1 has no patch, as in Vault).
	 */
	private final EnginePaths paths = new EnginePaths(List.of(PathSpec.path(".*")
		.on(Operation.READ, (request, caller) -> read(request.path(), request.mount()))
		.on(Operation.CREATE, (request, caller) -> write(request.path(), request.data()))
		.on(Operation.UPDATE, (request, caller) -> write(request.path(), request.data()))
		.on(Operation.DELETE, (request, caller) -> delete(request.path()))
		.on(Operation.LIST, (request, caller) -> list(request.path()))));

	KvV1Engine(BarrierView view, KvJson json) {
		this.view = view;
		this.json = json;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
	}

	private LogicalResponse delete(String path) {
		this.view.delete(KvStorageKeys.v1Entry(path));
		return LogicalResponse.empty();
	}

	@Override
	public boolean treatsCreateAsUpdate() {
		return true;
	}

	@Override
	public boolean exists(LogicalRequest request) {
		return this.view.get(KvStorageKeys.v1Entry(request.path())).isPresent();
	}

	private LogicalResponse read(String path, MountEntry mount) {
		Map<String, Object> data = this.view.get(KvStorageKeys.v1Entry(path))
			.map(this.json::readMap)
			.orElseThrow(VaultException::notFound);
		return LogicalResponse.data(data).withLease(new LogicalResponse.Lease("", ttlSeconds(data, mount), false));
	}

	/**
	 * The entry's {@code ttl} (or legacy {@code lease}) key when it parses as a positive
	 * duration, else the mount's default; capped by the mount's maximum as Vault's core
	 * does.
	 */
	private static long ttlSeconds(Map<String, Object> data, MountEntry mount) {
		long ttl = mount.effectiveDefaultTtl();
		Object raw = data.containsKey("ttl") ? data.get("ttl") : data.get("lease");
		if (raw != null) {
			try {
				long parsed = VaultDurations.parseSeconds(raw, "ttl");
				if (parsed > 0) {
					ttl = parsed;
				}
			}
			catch (VaultException ex) {
				// Vault ignores a ttl it cannot parse and keeps the default.
			}
		}
		return Math.min(ttl, mount.effectiveMaxTtl());
	}

	private LogicalResponse write(String path, Map<String, Object> data) {
		if (path.isEmpty()) {
			throw VaultErrors.badRequest(VaultErrors.MISSING_PATH);
		}
		if (data.isEmpty()) {
			throw VaultErrors.badRequest("missing data fields");
		}
		this.view.put(KvStorageKeys.v1Entry(path), this.json.write(data));
		return LogicalResponse.empty();
	}

	private LogicalResponse list(String folder) {
		List<String> keys = this.view.list(KvStorageKeys.v1ListPrefix(folder))
			.stream()
			.map(KvStorageKeys::decodeListEntry)
			.toList();
		if (keys.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", keys));
	}

}
