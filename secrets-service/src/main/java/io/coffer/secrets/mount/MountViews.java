package io.coffer.secrets.mount;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;

/**
 * Vault's JSON shapes of a secrets or auth mount (vault-api.md §2); auth mounts add their
 * token type on top.
 */
public final class MountViews {

	private MountViews() {
	}

	public static Map<String, Object> describe(MountEntry mount) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("accessor", mount.accessor());
		out.put("config", config(mount));
		out.put("description", mount.description());
		out.put("external_entropy_access", false);
		out.put("local", mount.config().settings().local());
		out.put("options", mount.options().isEmpty() ? null : new LinkedHashMap<>(mount.options()));
		out.put("plugin_version", "");
		out.put("running_plugin_version", "");
		out.put("running_sha256", "");
		out.put("seal_wrap", mount.config().settings().sealWrap());
		out.put("type", mount.type());
		out.put("uuid", mount.uuid());
		return out;
	}

	public static Map<String, Object> config(MountEntry mount) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("default_lease_ttl", mount.config().defaultLeaseTtl());
		config.put("max_lease_ttl", mount.config().maxLeaseTtl());
		config.put("force_no_cache", mount.config().forceNoCache());
		putSettings(config, mount.config().settings());
		return config;
	}

	/** Vault's optional settings, present when set (Vault omits them when empty). */
	private static void putSettings(Map<String, Object> out, MountEntry.MountSettings settings) {
		if (!settings.listingVisibility().isEmpty()) {
			out.put("listing_visibility", settings.listingVisibility());
		}
		putList(out, "passthrough_request_headers", settings.passthroughRequestHeaders());
		putList(out, "allowed_response_headers", settings.allowedResponseHeaders());
		putList(out, "audit_non_hmac_request_keys", settings.auditNonHmacRequestKeys());
		putList(out, "audit_non_hmac_response_keys", settings.auditNonHmacResponseKeys());
	}

	private static void putList(Map<String, Object> out, String name, List<String> values) {
		if (!values.isEmpty()) {
			out.put(name, values);
		}
	}

	/**
	 * {@code GET sys/mounts/:path/tune} and {@code sys/auth/:path/tune}: effective TTLs,
	 * i.e. the system values where the mount sets none.
	 */
	public static Map<String, Object> tune(MountEntry mount) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("default_lease_ttl", mount.effectiveDefaultTtl());
		out.put("max_lease_ttl", mount.effectiveMaxTtl());
		out.put("force_no_cache", mount.config().forceNoCache());
		out.put("description", mount.description());
		out.put("options", mount.options().isEmpty() ? null : new LinkedHashMap<>(mount.options()));
		putSettings(out, mount.config().settings());
		return out;
	}

}
