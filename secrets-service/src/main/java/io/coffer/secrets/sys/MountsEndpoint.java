package io.coffer.secrets.sys;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountPaths;
import io.coffer.secrets.mount.MountRequest;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.mount.MountViews;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;

import org.springframework.stereotype.Component;

/** {@code sys/mounts}, {@code sys/mounts/:path} and {@code sys/mounts/:path/tune}. */
@Component
class MountsEndpoint {

	private final MountService mounts;

	MountsEndpoint(MountService mounts) {
		this.mounts = mounts;
	}

	LogicalResponse list() {
		Map<String, Object> data = new LinkedHashMap<>();
		for (MountEntry mount : this.mounts.mounts()) {
			data.put(mount.path(), MountViews.describe(mount));
		}
		data.put(CubbyholeEngine.MOUNT.path(), MountViews.describe(CubbyholeEngine.MOUNT));
		data.put(SystemBackend.MOUNT.path(), MountViews.describe(SystemBackend.MOUNT));
		return LogicalResponse.data(data).withTopLevelCopy();
	}

	LogicalResponse mount(LogicalRequest request, String rawPath) {
		String path = MountPaths.normalize(rawPath);
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(MountViews.describe(existing(path))).withTopLevelCopy();
			case CREATE, UPDATE -> {
				this.mounts.enable(new MountRequest(path, string(request.data().get("type")),
						string(request.data().get("description")), config(request.data().get("config"), null),
						options(request.data().get("options"))));
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				this.mounts.disable(path);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	LogicalResponse tune(LogicalRequest request, String rawPath) {
		String path = MountPaths.normalize(rawPath);
		MountEntry mount = existing(path);
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(MountViews.tune(mount)).withTopLevelCopy();
			case CREATE, UPDATE -> {
				this.mounts.tune(path, config(request.data(), mount.config()), options(request.data().get("options")),
						string(request.data().get("description")));
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private MountEntry existing(String path) {
		return this.mounts.mount(path)
			.orElseThrow(() -> VaultException.badRequest("cannot fetch sysview for path \"" + path + "\""));
	}

	private static MountEntry.MountConfig config(Object raw, MountEntry.MountConfig base) {
		MountEntry.MountConfig start = (base != null) ? base : MountEntry.MountConfig.DEFAULTS;
		if (raw == null) {
			return start;
		}
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("config must be an object");
		}
		if (map.containsKey("token_type")) {
			throw VaultException.badRequest("'token_type' can only be modified on auth mounts");
		}
		long defaultTtl = map.containsKey("default_lease_ttl") ? ttl(map.get("default_lease_ttl"), "default_lease_ttl")
				: start.defaultLeaseTtl();
		long maxTtl = map.containsKey("max_lease_ttl") ? ttl(map.get("max_lease_ttl"), "max_lease_ttl")
				: start.maxLeaseTtl();
		if (maxTtl > 0 && defaultTtl > maxTtl) {
			throw VaultException.badRequest("default lease TTL cannot be greater than maximum lease TTL");
		}
		boolean noCache = map.containsKey("force_no_cache")
				? GoBool.of(map.get("force_no_cache"))
					.orElseThrow(() -> VaultException.badRequest("force_no_cache must be a boolean"))
				: start.forceNoCache();
		return new MountEntry.MountConfig(defaultTtl, maxTtl, noCache);
	}

	/** Vault accepts {@code "system"} for "use the system default" in tune calls. */
	private static long ttl(Object value, String field) {
		if ("system".equals(value)) {
			return 0;
		}
		return VaultDurations.parseSeconds(value, field);
	}

	private static Map<String, String> options(Object raw) {
		if (raw == null) {
			return Map.of();
		}
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("options must be an object");
		}
		Map<String, String> out = new LinkedHashMap<>();
		map.forEach((key, value) -> out.put(String.valueOf(key), String.valueOf(value)));
		return out;
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
