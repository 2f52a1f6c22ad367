package io.coffer.secrets.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.mount.MountEntry;

/** Vault's JSON shapes of an auth mount ({@code sys/auth}, vault-api.md §2). */
final class AuthViews {

	private AuthViews() {
	}

	static Map<String, Object> describe(MountEntry mount) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("accessor", mount.accessor());
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("default_lease_ttl", mount.config().defaultLeaseTtl());
		config.put("max_lease_ttl", mount.config().maxLeaseTtl());
		config.put("force_no_cache", mount.config().forceNoCache());
		config.put("token_type", "default-service");
		out.put("config", config);
		out.put("description", mount.description());
		out.put("external_entropy_access", false);
		out.put("local", false);
		out.put("options", mount.options().isEmpty() ? null : new LinkedHashMap<>(mount.options()));
		out.put("plugin_version", "");
		out.put("running_plugin_version", "");
		out.put("running_sha256", "");
		out.put("seal_wrap", false);
		out.put("type", mount.type());
		out.put("uuid", mount.uuid());
		return out;
	}

	/** {@code GET sys/auth/:path/tune}: effective TTLs (system values where unset). */
	static Map<String, Object> tune(MountEntry mount) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("default_lease_ttl", mount.effectiveDefaultTtl());
		out.put("description", mount.description());
		out.put("force_no_cache", mount.config().forceNoCache());
		out.put("max_lease_ttl", mount.effectiveMaxTtl());
		out.put("options", mount.options().isEmpty() ? null : new LinkedHashMap<>(mount.options()));
		out.put("token_type", "default-service");
		return out;
	}

	/**
	 * The key under which {@code sys/auth} lists a mount: its path without {@code auth/}.
	 */
	static String key(MountEntry mount) {
		return mount.path().substring("auth/".length());
	}

}
