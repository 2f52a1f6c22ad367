package io.coffer.secrets.pipeline;

import java.time.Duration;

import io.coffer.secrets.auth.AuthMounts;
import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountService;
import io.coffer.secrets.policy.AclDecision;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.sys.SystemBackend;
import io.coffer.secrets.token.TokenBackend;
import io.coffer.secrets.token.TokenStore;
import io.coffer.secrets.wrapping.WrappingPaths;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * The logical request path: sealed? → active? → token (one use taken) → route (sys/,
 * auth/, cubbyhole/ or a secrets mount) → existence check (create vs update) → ACL
 * (wrapping TTL bounds included) → engine → response, wrapped when asked.
 */
@Service
public class RequestHandler {

	private final SealService seal;

	private final HaCluster ha;

	private final TokenStore tokens;

	private final MountService mounts;

	private final SystemBackend system;

	private final TokenBackend tokenBackend;

	private final PolicyService policies;

	private final AuthMounts authMounts;

	private final CubbyholeEngine cubbyhole;

	private final WrappingResponder responder;

	public RequestHandler(SealService seal, HaCluster ha, TokenStore tokens, MountService mounts, SystemBackend system,
			TokenBackend tokenBackend, PolicyService policies, AuthMounts authMounts, CubbyholeEngine cubbyhole,
			WrappingResponder responder) {
		this.cubbyhole = cubbyhole;
		this.responder = responder;
		this.policies = policies;
		this.authMounts = authMounts;
		this.seal = seal;
		this.ha = ha;
		this.tokens = tokens;
		this.mounts = mounts;
		this.system = system;
		this.tokenBackend = tokenBackend;
	}

	/**
	 * Raw sys endpoints served by their own controllers; any other verb on them is 405.
	 */
	private static final java.util.Set<String> RAW_SYS_PATHS = java.util.Set.of("sys/init", "sys/seal-status",
			"sys/unseal", "sys/seal", "sys/health", "sys/leader", "sys/generate-root/attempt",
			"sys/generate-root/update", "sys/rekey/init", "sys/rekey/update", "sys/rekey-recovery-key/init",
			"sys/rekey-recovery-key/update");

	public ResponseEntity<Object> handle(VaultHttpRequest request) {
		if (RAW_SYS_PATHS.contains(request.path().replaceFirst("/$", ""))) {
			throw VaultException.unsupportedOperation();
		}
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
		String path = request.path();
		if (path.endsWith(".") || path.isEmpty()) {
			throw VaultException.unsupportedPath(path);
		}
		Caller caller = new Caller(request.token(), authenticate(request, path));
		Target target = target(path);
		LogicalRequest logical = new LogicalRequest(request.operation(), target.relative(path), request.data(),
				target.mount(), request.requestId());
		logical = withExistence(logical, target.engine(), caller, path);
		// Logins and the wrapping-token paths are unauthenticated in Vault (no ACL
		// applies); the preflight checks reachability itself.
		if (!caller.entry().isLoginCaller() && !path.startsWith("sys/internal/ui/mounts")) {
			authorize(logical, caller.entry(), path, request.wrapTtl());
		}
		if (path.equals(WrappingPaths.WRAP) && request.wrapTtl() == null) {
			throw VaultException.badRequest("endpoint requires response wrapping to be used");
		}
		LogicalResponse response = (target.engine() instanceof CallerAware aware) ? aware.handle(logical, caller)
				: target.engine().handle(logical);
		return this.responder.respond(request, target.mount(), response);
	}

	/**
	 * Resolves the caller's token, taking one use of a use-limited token. Login paths of
	 * auth methods take no token: their caller is a policy-less stand-in that skips the
	 * ACL check, as Vault does for unauthenticated paths; the auth router serves nothing
	 * but the login itself to that caller. The same stand-in calls the wrapping paths
	 * whose credential is the wrapping token itself; their endpoint checks that token.
	 */
	private TokenEntry authenticate(VaultHttpRequest request, String path) {
		if (this.authMounts.isLoginPath(path)
				|| WrappingPaths.authenticatesWithWrappingToken(path, request.data(), request.token())) {
			return TokenEntry.unauthenticatedLogin();
		}
		return this.tokens.use(request.token()).orElseThrow(() -> denied(path));
	}

	/**
	 * ACL check after the existence check (create vs update). Vault does not apply
	 * parameter constraints to KV v2 data, sudo-protected paths need {@code sudo} as well
	 * as the operation's capability, and a rule's {@code min_wrapping_ttl} or
	 * {@code max_wrapping_ttl} demand a wrap TTL within them.
	 */
	private void authorize(LogicalRequest request, TokenEntry caller, String path, Duration wrapTtl) {
		MountEntry mount = request.mount();
		boolean kvV2 = "kv".equals(mount.type()) && "2".equals(mount.options().get("version"));
		AclDecision decision = this.policies.check(caller.policies(), path, request.operation(), request.data(), !kvV2);
		if (!decision.allowed() || (this.policies.requiresSudo(path) && !decision.sudo())
				|| !decision.permitsWrapTtl(wrapTtl)) {
			throw denied(path);
		}
	}

	private static VaultException denied(String path) {
		if (path.startsWith("sys/internal/ui/mounts")) {
			String inner = path.substring("sys/internal/ui/mounts".length()).replaceFirst("^/", "");
			return new VaultException(403,
					"preflight capability check returned 403, please ensure client's policies grant access to path \""
							+ inner + "\"");
		}
		return VaultException.permissionDenied();
	}

	private Target target(String path) {
		if (path.startsWith("sys/") || path.equals("sys")) {
			return new Target(SystemBackend.MOUNT, this.system);
		}
		if (path.startsWith(CubbyholeEngine.MOUNT.path()) || path.equals("cubbyhole")) {
			return new Target(CubbyholeEngine.MOUNT, this.cubbyhole);
		}
		if (path.startsWith("auth/token/") || path.equals("auth/token")) {
			return new Target(TokenBackend.MOUNT, this.tokenBackend);
		}
		if (path.startsWith("auth/")) {
			return this.authMounts.route(path)
				.map((routed) -> new Target(routed.mount(), routed.engine()))
				.orElseThrow(
						() -> new VaultException(404, "no handler for route \"" + path + "\". route entry not found."));
		}
		return this.mounts.route(path)
			.map((routed) -> new Target(routed.mount(), routed.engine()))
			.orElseThrow(
					() -> new VaultException(404, "no handler for route \"" + path + "\". route entry not found."));
	}

	/**
	 * Vault's existence check: a write to an absent path is {@code create}, to a present
	 * one {@code update}. In the cubbyhole, what exists depends on the caller. Skipped
	 * when neither the engine nor the caller's ACL would act on the answer (a KV write by
	 * a caller granted both or neither): it costs a storage read and decode per write.
	 */
	private LogicalRequest withExistence(LogicalRequest request, SecretEngine engine, Caller caller, String path) {
		if (request.operation() != Operation.UPDATE) {
			return request;
		}
		if (engine.treatsCreateAsUpdate() && (caller.entry().isLoginCaller()
				|| !this.policies.separatesCreateFromUpdate(caller.entry().policies(), path))) {
			return request;
		}
		boolean exists = (engine == this.cubbyhole) ? this.cubbyhole.exists(request, caller) : engine.exists(request);
		if (exists) {
			return request;
		}
		return new LogicalRequest(Operation.CREATE, request.path(), request.data(), request.mount(),
				request.requestId());
	}

	private record Target(MountEntry mount, SecretEngine engine) {

		String relative(String path) {
			return (path.length() >= this.mount.path().length()) ? path.substring(this.mount.path().length()) : "";
		}

	}

}
