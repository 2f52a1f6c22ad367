package io.coffer.secrets.sys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.auth.AuthMounts;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.mount.MountViews;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.token.TokenBackend;

import org.springframework.stereotype.Component;

/**
 * {@code sys/internal/ui/mounts[/<path>]}: the preflight every Spring client sends to
 * learn whether a path is KV v1 or v2. Like Vault, it answers only for a mount the token
 * can reach something under, and otherwise a 403 that reveals nothing about which mounts
 * exist. The listing without a token shows only mounts tuned
 * {@code listing_visibility=unauth}.
 */
@Component
class UiMountsEndpoint implements SysEndpoint {

	private static final String PREFIX = "internal/ui/mounts";

	private final MountService mounts;

	private final AuthMounts authMounts;

	private final PolicyService policies;

	UiMountsEndpoint(MountService mounts, AuthMounts authMounts, PolicyService policies) {
		this.mounts = mounts;
		this.authMounts = authMounts;
		this.policies = policies;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (request.operation() != Operation.READ) {
			throw VaultException.unsupportedOperation();
		}
		String inner = request.path().substring(PREFIX.length()).replaceFirst("^/", "");
		if (inner.isEmpty()) {
			return listing(caller);
		}
		MountEntry mount = this.mounts.owning(inner)
			.filter((m) -> reachable(caller, m, inner))
			.orElseThrow(() -> new VaultException(403,
					"preflight capability check returned 403, please ensure client's policies grant access to path \""
							+ inner + "\""));
		Map<String, Object> data = MountViews.describe(mount);
		data.put("path", mount.path());
		return LogicalResponse.data(data);
	}

	/**
	 * With a token: the secrets engines it reaches and the token method. Without one
	 * (Vault's public listing, e.g. for a login page): only the engines and auth methods
	 * whose {@code listing_visibility} is {@code unauth}.
	 */
	private LogicalResponse listing(Caller caller) {
		boolean anonymous = caller.entry().isLoginCaller();
		Map<String, Object> secret = new LinkedHashMap<>();
		this.mounts.mounts()
			.stream()
			.filter((mount) -> anonymous ? isPublic(mount) : reachable(caller, mount, mount.path()))
			.forEach((mount) -> secret.put(mount.path(), MountViews.describe(mount)));
		Map<String, Object> auth = new LinkedHashMap<>();
		if (!anonymous) {
			auth.put(TokenBackend.MOUNT.path(), MountViews.describe(TokenBackend.MOUNT));
		}
		this.authMounts.mounts()
			.stream()
			.filter(UiMountsEndpoint::isPublic)
			.forEach((mount) -> auth.put(mount.path().substring("auth/".length()), MountViews.describe(mount)));
		return LogicalResponse.data(Map.of("secret", secret, "auth", auth));
	}

	private static boolean isPublic(MountEntry mount) {
		return "unauth".equals(mount.config().settings().listingVisibility());
	}

	/**
	 * Any capability on the path itself, or on its KV v2 data/metadata forms, counts as
	 * access.
	 */
	private boolean reachable(Caller caller, MountEntry mount, String path) {
		String rest = path.substring(Math.min(path.length(), mount.path().length()));
		List<String> candidates = List.of(path, mount.path() + "data/" + rest, mount.path() + "metadata/" + rest);
		return candidates.stream()
			.anyMatch((candidate) -> !this.policies.capabilities(caller.entry(), candidate).equals(List.of("deny")));
	}

}
