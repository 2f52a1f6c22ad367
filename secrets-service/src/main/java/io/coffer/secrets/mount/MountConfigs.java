package io.coffer.secrets.mount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry.MountConfig;
import io.coffer.secrets.kernel.MountEntry.MountSettings;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;

/**
 * Vault's mount settings as clients send them: under {@code config} when a secrets engine
 * or auth method is enabled (with {@code local} and {@code seal_wrap} beside it), at the
 * top level of a tune. A field left out keeps its value; a bad one is a 400 naming it and
 * nothing changes.
 */
public final class MountConfigs {

	private MountConfigs() {
	}

	/**
	 * The configuration of a mount being enabled: {@code body.config} over the defaults,
	 * plus the body's {@code local} and {@code seal_wrap}.
	 * @param auth whether the mount is an auth method ({@code token_type} is theirs only)
	 */
	public static MountConfig enable(Map<String, Object> body, boolean auth) {
		Object raw = body.get("config");
		if (raw != null && !(raw instanceof Map<?, ?>)) {
			throw VaultException.badRequest("config must be an object");
		}
		MountConfig config = apply((raw != null) ? (Map<?, ?>) raw : Map.of(), MountConfig.DEFAULTS, auth);
		MountSettings settings = config.settings();
		settings = new MountSettings(flag(body, "local", settings.local()),
				flag(body, "seal_wrap", settings.sealWrap()), settings.listingVisibility(),
				settings.passthroughRequestHeaders(), settings.allowedResponseHeaders(),
				settings.auditNonHmacRequestKeys(), settings.auditNonHmacResponseKeys());
		return new MountConfig(config.defaultLeaseTtl(), config.maxLeaseTtl(), config.forceNoCache(),
				config.tokenType(), settings);
	}

	/**
	 * {@code fields} (a tune body, or an enable body's {@code config}) over {@code base}.
	 * @param auth whether the mount is an auth method ({@code token_type} is theirs only)
	 */
	public static MountConfig apply(Map<?, ?> fields, MountConfig base, boolean auth) {
		long defaultTtl = fields.containsKey("default_lease_ttl")
				? ttl(fields.get("default_lease_ttl"), "default_lease_ttl") : base.defaultLeaseTtl();
		long maxTtl = fields.containsKey("max_lease_ttl") ? ttl(fields.get("max_lease_ttl"), "max_lease_ttl")
				: base.maxLeaseTtl();
		if (maxTtl > 0 && defaultTtl > maxTtl) {
			throw VaultException.badRequest("default lease TTL cannot be greater than maximum lease TTL");
		}
		boolean noCache = flag(fields, "force_no_cache", base.forceNoCache());
		String tokenType = base.tokenType();
		if (fields.containsKey("token_type")) {
			if (!auth) {
				throw VaultException.badRequest("'token_type' can only be modified on auth mounts");
			}
			tokenType = tokenType(fields.get("token_type"));
		}
		MountSettings was = base.settings();
		MountSettings settings = new MountSettings(was.local(), was.sealWrap(),
				fields.containsKey("listing_visibility") ? visibility(fields.get("listing_visibility"))
						: was.listingVisibility(),
				list(fields, "passthrough_request_headers", was.passthroughRequestHeaders()),
				list(fields, "allowed_response_headers", was.allowedResponseHeaders()),
				list(fields, "audit_non_hmac_request_keys", was.auditNonHmacRequestKeys()),
				list(fields, "audit_non_hmac_response_keys", was.auditNonHmacResponseKeys()));
		return new MountConfig(defaultTtl, maxTtl, noCache, tokenType, settings);
	}

	/**
	 * Vault's auth mount {@code token_type}: the type of the tokens its logins issue, or
	 * their default when a role leaves it to the mount.
	 */
	private static String tokenType(Object value) {
		String type = (value != null) ? value.toString() : "";
		return switch (type) {
			case "default-service", "default-batch", "service", "batch" -> type;
			case "", "default" -> "default-service";
			default -> throw VaultException.badRequest("invalid value for \"token_type\"");
		};
	}

	private static String visibility(Object value) {
		String visibility = (value != null) ? value.toString() : "";
		return switch (visibility) {
			case "", "hidden", "unauth" -> visibility;
			default -> throw VaultException.badRequest("invalid listing_visibility " + visibility);
		};
	}

	/** Vault accepts {@code "system"} for "use the system default". */
	private static long ttl(Object value, String field) {
		return "system".equals(value) ? 0 : VaultDurations.parseSeconds(value, field);
	}

	private static boolean flag(Map<?, ?> fields, String name, boolean current) {
		if (!fields.containsKey(name)) {
			return current;
		}
		return GoBool.of(fields.get(name)).orElseThrow(() -> VaultException.badRequest(name + " must be a boolean"));
	}

	/** A JSON array of strings, or one comma-separated string (as the CLI sends it). */
	private static List<String> list(Map<?, ?> fields, String name, List<String> current) {
		if (!fields.containsKey(name)) {
			return current;
		}
		Object value = fields.get(name);
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> items) {
			for (Object item : items) {
				if (!(item instanceof String text)) {
					throw VaultException.badRequest(name + " must be a list of strings");
				}
				out.add(text.trim());
			}
		}
		else if (value instanceof String text) {
			Arrays.stream(text.split(",")).map(String::trim).forEach(out::add);
		}
		else if (value != null) {
			throw VaultException.badRequest(name + " must be a list of strings");
		}
		out.removeIf(String::isEmpty);
		return out;
	}

}
