package io.coffer.secrets.auth;

import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.mount.MountViews;

/**
 * Vault's JSON shapes of an auth mount ({@code sys/auth}, vault-api.md §2): a mount's,
 * plus the token type its logins issue.
 */
final class AuthViews {

	private static final String DEFAULT_TOKEN_TYPE = "default-service";

	private AuthViews() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> describe(MountEntry mount) {
		Map<String, Object> out = MountViews.describe(mount);
		((Map<String, Object>) out.get("config")).put("token_type", tokenType(mount));
		return out;
	}

	/** {@code GET sys/auth/:path/tune}: effective TTLs (system values where unset). */
	static Map<String, Object> tune(MountEntry mount) {
		Map<String, Object> out = MountViews.tune(mount);
		out.put("token_type", tokenType(mount));
		return out;
	}

	private static String tokenType(MountEntry mount) {
		String type = mount.config().tokenType();
		return type.isEmpty() ? DEFAULT_TOKEN_TYPE : type;
	}

	/**
	 * The key under which {@code sys/auth} lists a mount: its path without {@code auth/}.
	 */
	static String key(MountEntry mount) {
		return mount.path().substring("auth/".length());
	}

}
