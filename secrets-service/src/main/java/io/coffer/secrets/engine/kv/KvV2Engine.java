package io.coffer.secrets.engine.kv;

import java.time.Clock;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * KV version 2: routes each request to its path group ({@code data/}, {@code metadata/},
 * {@code delete/}, {@code undelete/}, {@code destroy/}, {@code subkeys/},
 * {@code config}).
 */
final class KvV2Engine implements SecretEngine {

	private final KvV2DataPaths data;

	private final KvV2MetadataPaths metadata;

	private final KvV2VersionOps versionOps;

	private final KvV2SubkeysPath subkeys;

	private final KvV2ConfigPath config;

	private final KvV1Upgrade upgrade;

	KvV2Engine(BarrierView view, KvJson json, Clock clock) {
		KvV2Store store = new KvV2Store(view, json);
		KvV2VersionWriter writer = new KvV2VersionWriter(store, clock);
		this.data = new KvV2DataPaths(store, writer, clock);
		this.metadata = new KvV2MetadataPaths(store, clock);
		this.versionOps = new KvV2VersionOps(store, clock);
		this.subkeys = new KvV2SubkeysPath(store, clock);
		this.config = new KvV2ConfigPath(store);
		this.upgrade = new KvV1Upgrade(view, store, writer, json, clock);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		this.upgrade.runOnce();
		String path = request.path();
		if (path.equals("config")) {
			return this.config.handle(request);
		}
		int slash = path.indexOf('/');
		if (slash < 0) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		String key = path.substring(slash + 1);
		return switch (path.substring(0, slash)) {
			case "data" -> this.data.handle(request, key);
			case "metadata" -> this.metadata.handle(request, key);
			case "delete" -> this.versionOps.handle(request, key, KvV2VersionOps.Kind.DELETE);
			case "undelete" -> this.versionOps.handle(request, key, KvV2VersionOps.Kind.UNDELETE);
			case "destroy" -> this.versionOps.handle(request, key, KvV2VersionOps.Kind.DESTROY);
			case "subkeys" -> this.subkeys.handle(request, key);
			default -> throw VaultException.unsupportedPath(request.fullPath());
		};
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
