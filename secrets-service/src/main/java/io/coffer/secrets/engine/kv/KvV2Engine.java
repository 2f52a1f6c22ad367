package io.coffer.secrets.engine.kv;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;

/**
 * KV version 2: serves the paths its path groups declare ({@code config}, {@code data/},
 * {@code metadata/}, {@code delete/}, {@code undelete/}, {@code destroy/},
 * {@code subkeys/}). Any other path, the empty one included, is Vault's 404
 * {@code unsupported path}; an operation a path does not declare is its 405.
 */
final class KvV2Engine implements SecretEngine {

	private final KvV2DataPaths data;

	private final KvV2MetadataPaths metadata;

	private final KvV1Upgrade upgrade;

	private final EnginePaths paths;

	KvV2Engine(BarrierView view, KvJson json, Clock clock) {
		KvV2Store store = new KvV2Store(view, json);
		KvV2VersionWriter writer = new KvV2VersionWriter(store, clock);
		this.data = new KvV2DataPaths(store, writer, clock);
		this.metadata = new KvV2MetadataPaths(store, clock);
		this.upgrade = new KvV1Upgrade(view, store, writer, json, clock);
		List<PathSpec> declared = new ArrayList<>();
		declared.add(new KvV2ConfigPath(store).path());
		declared.add(this.data.path());
		declared.add(this.metadata.path());
		declared.addAll(new KvV2VersionOps(store, clock).paths());
		declared.add(new KvV2SubkeysPath(store, clock).path());
		this.paths = new EnginePaths(declared);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		this.upgrade.runOnce();
		return this.paths.handle(request);
	}

	@Override
	public boolean treatsCreateAsUpdate() {
		return true;
	}

	@Override
	public boolean exists(LogicalRequest request) {
		String path = request.path();
		if (path.startsWith("data/")) {
			return this.data.exists(path.substring("data/".length()));
		}
		if (path.startsWith("metadata/")) {
			return this.metadata.exists(path.substring("metadata/".length()));
		}
		return true;
	}

}
