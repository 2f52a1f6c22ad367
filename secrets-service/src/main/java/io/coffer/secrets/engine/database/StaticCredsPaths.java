package io.coffer.secrets.engine.database;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code static-creds/<name>} (the current password of a static role, no lease) and
 * {@code rotate-role/<name>} (rotate it now).
 */
final class StaticCredsPaths {

	private final EngineContext context;

	private final StaticRotation rotation;

	StaticCredsPaths(EngineContext context, StaticRotation rotation) {
		this.context = context;
		this.rotation = rotation;
	}

	LogicalResponse read(String name) {
		StaticRole role = this.context.store()
			.staticRole(name)
			.orElseThrow(() -> VaultException.badRequest("unknown role: " + name));
		ConnectionConfig config = this.context.config(role.dbName());
		if (!config.allows(name)) {
			throw new VaultException(500, "\"" + name + "\" is not an allowed role");
		}
		Instant now = this.context.clock().instant();
		long ttl = Math.max(0, Duration.between(now, role.nextRotation()).toSeconds());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("username", role.username());
		data.put("password", role.password());
		data.put("last_vault_rotation", role.lastRotation().toString());
		data.put("rotation_period", role.rotationPeriodSeconds());
		data.put("ttl", ttl);
		return LogicalResponse.data(data);
	}

	LogicalResponse rotate(String name) {
		StaticRole role = this.context.store()
			.staticRole(name)
			.orElseThrow(() -> VaultException.badRequest("no static role found for role name"));
		this.rotation.rotate(name, role);
		return LogicalResponse.empty();
	}

}
