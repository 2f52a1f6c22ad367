package io.coffer.secrets.sys;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.engine.identity.IdentityEngine;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountConfigs;
import io.coffer.secrets.mount.MountPaths;
import io.coffer.secrets.mount.MountRequest;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.mount.MountViews;

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
		data.put(IdentityEngine.MOUNT.path(), MountViews.describe(IdentityEngine.MOUNT));
		data.put(SystemBackend.MOUNT.path(), MountViews.describe(SystemBackend.MOUNT));
		return LogicalResponse.data(data).withTopLevelCopy();
	}

	LogicalResponse mount(LogicalRequest request, String rawPath) {
		String path = MountPaths.normalize(rawPath);
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(MountViews.describe(existing(path))).withTopLevelCopy();
			case CREATE, UPDATE -> {
				this.mounts.enable(new MountRequest(path, string(request.data().get("type")),
						string(request.data().get("description")), MountConfigs.enable(request.data(), false),
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
				this.mounts.tune(path, MountConfigs.apply(request.data(), mount.config(), false),
						options(request.data().get("options")), string(request.data().get("description")));
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private MountEntry existing(String path) {
		return this.mounts.mount(path)
			.orElseThrow(() -> VaultException.badRequest("cannot fetch sysview for path \"" + path + "\""));
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
