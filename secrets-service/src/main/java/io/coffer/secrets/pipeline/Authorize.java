package io.coffer.secrets.pipeline;

import io.coffer.secrets.kernel.LogicalRequest;
import java.util.Map;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SnapshotAccess;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.AclDecision;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.stereotype.Component;

/**
 * Step {@code authorize}: the ACL check, after the existence check (create vs update).
 * Vault does not apply parameter constraints to KV v2 data, paths their engine declares
 * {@code sudo} need it as well as the operation's capability, and a rule's
 * {@code min_wrapping_ttl} or {@code max_wrapping_ttl} demand a wrap TTL within them.
 * Logins and the wrapping-token paths are unauthenticated in Vault (no ACL applies); the
 * UI mounts preflight checks reachability itself. A recover from a loaded snapshot needs
 * {@code recover} instead of the write's capability.
 */
@Component
class Authorize implements RequestStep {

	private static final String UI_MOUNTS = "sys/internal/ui/mounts";

	private final PolicyService policies;

	Authorize(PolicyService policies) {
		this.policies = policies;
	}

	@Override
	public String name() {
		return "authorize";
	}

	@Override
	public void apply(RequestState state) {
		TokenEntry caller = state.caller().entry();
		String path = state.path();
		if (caller.isLoginCaller() || path.startsWith(UI_MOUNTS)) {
			return;
		}
		LogicalRequest request = state.logical();
		MountEntry mount = request.mount();
		SnapshotAccess snapshot = state.http().snapshot();
		if (snapshot != null && snapshot.recover()) {
			authorizeRecover(caller, path, snapshot);
			return;
		}
		boolean kvV2 = "kv".equals(mount.type()) && "2".equals(mount.options().get("version"));
		AclDecision decision = this.policies.check(caller, path, request.operation(), request.data(), !kvV2);
		boolean sudo = state.route().engine().requiresSudo(request.path());
		if (!decision.allowed() || (sudo && !decision.sudo()) || !decision.permitsWrapTtl(state.http().wrapTtl())) {
			throw denied(path);
		}
	}

	/**
	 * A recover from a loaded snapshot needs Vault's {@code recover} capability on the
	 * path written; recovering from another path of the snapshot
	 * ({@code X-Vault-Recover-Source-Path}) also needs {@code read} on that path, since
	 * it discloses its data as of the snapshot (Vault does not say; Coffer asks it).
	 */
	private void authorizeRecover(TokenEntry caller, String path, SnapshotAccess snapshot) {
		if (!this.policies.checkRecover(caller, path).allowed()) {
			throw denied(path);
		}
		String source = snapshot.sourcePath();
		if (source != null && !source.equals(path)
				&& !this.policies.check(caller, source, Operation.READ, Map.of(), false).allowed()) {
			throw denied(path);
		}
	}

	/**
	 * Vault's 403; the UI mounts preflight has its own message, naming only the path the
	 * client asked about.
	 */
	static VaultException denied(String path) {
		if (path.startsWith(UI_MOUNTS)) {
			String inner = path.substring(UI_MOUNTS.length()).replaceFirst("^/", "");
			return new VaultException(403,
					"preflight capability check returned 403, please ensure client's policies grant access to path \""
							+ inner + "\"");
		}
		return VaultException.permissionDenied();
	}

}
