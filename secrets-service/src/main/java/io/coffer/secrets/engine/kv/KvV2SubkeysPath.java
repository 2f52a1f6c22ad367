package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code subkeys/<path>?depth=N&version=N}: a version's key structure with every value
 * null.
 */
final class KvV2SubkeysPath {

	private final KvV2Store store;

	private final Clock clock;

	KvV2SubkeysPath(KvV2Store store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** {@code subkeys/<path>}, read only. */
	PathSpec path() {
		return PathSpec.path("subkeys/.*").on(Operation.READ, (request, caller) -> read(request));
	}

	private LogicalResponse read(LogicalRequest request) {
		String path = KvV2DataPaths.key(request);
		long depth = KvFields.integer(request.data(), "depth").orElse(0);
		if (depth < 0) {
			throw KvFields.invalid("depth", "a non-negative integer");
		}
		long requested = KvFields.integer(request.data(), "version").orElse(0);
		KeyMetadata metadata = this.store.metadata(path).orElseThrow(VaultException::notFound);
		VersionResponses.Resolved resolved = VersionResponses.resolve(metadata, requested);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("subkeys", null);
		out.put("metadata", metadata.versionResponse(resolved.number()));
		if (!resolved.version().isLive(this.clock.instant())) {
			return LogicalResponse.data(out).withStatus(404);
		}
		Map<String, Object> data = VersionResponses.loadData(this.store, path, resolved.number());
		out.put("subkeys", strip(data, 1, depth));
		return LogicalResponse.data(out);
	}

	/**
	 * Replaces every leaf (a non-object or an empty object) by null; below
	 * {@code maxDepth} (0 = no limit) objects count as leaves too, so no value can leak
	 * past the cut.
	 */
	private static Map<String, Object> strip(Map<?, ?> input, long depth, long maxDepth) {
		Map<String, Object> out = new LinkedHashMap<>();
		input.forEach((key, value) -> {
			boolean descend = value instanceof Map<?, ?> nested && !nested.isEmpty()
					&& (maxDepth == 0 || depth + 1 <= maxDepth);
			out.put((String) key, descend ? strip((Map<?, ?>) value, depth + 1, maxDepth) : null);
		});
		return out;
	}

}
