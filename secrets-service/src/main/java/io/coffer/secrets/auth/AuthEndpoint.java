package io.coffer.secrets.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.auth.lockout.LockoutConfig;
import io.coffer.secrets.auth.lockout.UserLockouts;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountPaths;
import io.coffer.secrets.support.GoBool;
import io.coffer.secrets.support.VaultDurations;
import io.coffer.secrets.token.TokenBackend;

import org.springframework.stereotype.Component;

/**
 * {@code sys/auth}, {@code sys/auth/:path} and {@code sys/auth/:path/tune}. Writes under
 * {@code sys/auth/} need sudo, which the request path enforces before this runs.
 */
@Component
class AuthEndpoint implements SysEndpoint {

	/** {@code sys/mounts/auth/}: Vault also tunes auth mounts through sys/mounts. */
	private static final String MOUNTS_AUTH = "mounts/auth/";

	private final AuthMounts mounts;

	private final UserLockouts lockouts;

	AuthEndpoint(AuthMounts mounts, UserLockouts lockouts) {
		this.mounts = mounts;
		this.lockouts = lockouts;
	}

	@Override
	public boolean matches(String path) {
		return path.equals("auth") || path.startsWith("auth/") || isMountsTune(path);
	}

	/**
	 * {@code sys/mounts/auth/:path/tune}, Vault's other address of an auth mount's tune
	 * (the CLI's {@code vault auth tune} uses it).
	 */
	private static boolean isMountsTune(String path) {
		return path.startsWith(MOUNTS_AUTH) && path.endsWith("/tune") && path.length() > MOUNTS_AUTH.length() + 5;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (isMountsTune(request.path())) {
			String rest = request.path().substring(MOUNTS_AUTH.length());
			return tune(request, fullPath(rest.substring(0, rest.length() - "/tune".length())));
		}
		String rest = request.path().replaceFirst("^auth/?", "");
		if (rest.isEmpty()) {
			if (request.operation() != Operation.READ) {
				throw VaultException.unsupportedOperation();
			}
			return list();
		}
		if (rest.endsWith("/tune")) {
			return tune(request, fullPath(rest.substring(0, rest.length() - "/tune".length())));
		}
		return mount(request, fullPath(rest));
	}

	private LogicalResponse list() {
		Map<String, Object> data = new LinkedHashMap<>();
		for (MountEntry mount : this.mounts.mounts()) {
			data.put(AuthViews.key(mount), AuthViews.describe(mount));
		}
		data.put(AuthViews.key(TokenBackend.MOUNT), AuthViews.describe(TokenBackend.MOUNT));
		return LogicalResponse.data(data).withTopLevelCopy();
	}

	private LogicalResponse mount(LogicalRequest request, String fullPath) {
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(AuthViews.describe(existing(fullPath))).withTopLevelCopy();
			case CREATE, UPDATE -> {
				Map<String, Object> data = request.data();
				this.mounts.enable(fullPath, string(data.get("type")), string(data.get("description")),
						config(data.get("config"), MountEntry.MountConfig.DEFAULTS));
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				if (fullPath.equals(TokenBackend.MOUNT.path())) {
					throw VaultException.badRequest("token credential backend cannot be disabled");
				}
				this.mounts.disable(fullPath);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse tune(LogicalRequest request, String fullPath) {
		MountEntry mount = existing(fullPath);
		return switch (request.operation()) {
			case READ -> {
				Map<String, Object> out = AuthViews.tune(mount);
				this.lockouts.tuned(mount.accessor())
					.ifPresent((lockout) -> out.put("user_lockout_config", lockout.describe()));
				yield LogicalResponse.data(out).withTopLevelCopy();
			}
			case CREATE, UPDATE -> {
				if (fullPath.equals(TokenBackend.MOUNT.path())) {
					throw VaultException.badRequest("tuning the token auth method is not supported");
				}
				MountEntry.MountConfig config = config(request.data(), mount.config());
				Object rawLockout = request.data().get("user_lockout_config");
				LockoutConfig lockout = (rawLockout != null) ? lockout(mount, rawLockout) : null;
				this.mounts.tune(fullPath, config, string(request.data().get("description")));
				if (lockout != null) {
					this.lockouts.configure(mount.accessor(), lockout);
				}
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	/**
	 * Lockout is implemented for userpass only; elsewhere the setting is refused, not
	 * ignored.
	 */
	private LockoutConfig lockout(MountEntry mount, Object raw) {
		if (!"userpass".equals(mount.type())) {
			throw VaultException
				.badRequest("user_lockout_config is not supported for auth method type \"" + mount.type() + "\"");
		}
		return this.lockouts.config(mount.accessor()).updatedWith(raw);
	}

	private MountEntry existing(String fullPath) {
		if (fullPath.equals(TokenBackend.MOUNT.path())) {
			return TokenBackend.MOUNT;
		}
		return this.mounts.mount(fullPath)
			.orElseThrow(() -> VaultException.badRequest("cannot fetch sysview for path \"" + fullPath + "\""));
	}

	private static String fullPath(String path) {
		return "auth/" + MountPaths.normalize(path);
	}

	private static MountEntry.MountConfig config(Object raw, MountEntry.MountConfig base) {
		if (raw == null) {
			return base;
		}
		if (!(raw instanceof Map<?, ?> map)) {
			throw VaultException.badRequest("config must be an object");
		}
		long defaultTtl = map.containsKey("default_lease_ttl") ? ttl(map.get("default_lease_ttl"), "default_lease_ttl")
				: base.defaultLeaseTtl();
		long maxTtl = map.containsKey("max_lease_ttl") ? ttl(map.get("max_lease_ttl"), "max_lease_ttl")
				: base.maxLeaseTtl();
		if (maxTtl > 0 && defaultTtl > maxTtl) {
			throw VaultException.badRequest("default lease TTL cannot be greater than maximum lease TTL");
		}
		boolean noCache = map.containsKey("force_no_cache")
				? GoBool.of(map.get("force_no_cache"))
					.orElseThrow(() -> VaultException.badRequest("force_no_cache must be a boolean"))
				: base.forceNoCache();
		String tokenType = map.containsKey("token_type") ? tokenType(map.get("token_type")) : base.tokenType();
		return new MountEntry.MountConfig(defaultTtl, maxTtl, noCache, tokenType);
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

	/** Vault accepts {@code "system"} for "use the system default" in tune calls. */
	private static long ttl(Object value, String field) {
		return "system".equals(value) ? 0 : VaultDurations.parseSeconds(value, field);
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
