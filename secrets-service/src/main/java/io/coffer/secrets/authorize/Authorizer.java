package io.coffer.secrets.authorize;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.secrets.audit.AuditEvent;
import io.coffer.secrets.audit.AuditLog;
import io.coffer.secrets.identity.ClientAddress;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.AclDecision;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.quota.RateLimitEnforcer;
import io.coffer.secrets.router.Route;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.token.TokenStore;

import org.springframework.stereotype.Service;

/**
 * The ACL decision for a request the gateway forwards to another service (lease, audit,
 * snapshot), made the way the request path decides for its own requests: the token is
 * authenticated taking one use of a use-limited token (bound CIDRs checked against the
 * call's client address), its policies must grant the operation's capability, parameter
 * constraints apply, and sudo-protected paths need {@code sudo}. The existence check does
 * not apply (a write is an update). Sealed and standby nodes refuse as for any request,
 * so the gateway waits through a failover and shows Vault's sealed answer.
 * <p>
 * The path's rate-limit quota applies first, as on the request path: a client over its
 * rate gets Vault's 429 (with {@code Retry-After}) as the answer, which the gateway
 * relays, and a decision on a rate-limited path is never cacheable, so every request
 * there is counted here.
 * <p>
 * With an audit device enabled, each decision journals the forwarded request's audit
 * entry first (a denial also its response entry with {@code permission denied}), is never
 * cacheable (so every forwarded request is audited), and fails with
 * {@code 500 internal error} when the entry cannot be made durable. The response of an
 * allowed request is not audited: another service serves it.
 */
@Service
public class Authorizer {

	private final SealService seal;

	private final HaCluster ha;

	private final TokenStore tokens;

	private final PolicyService policies;

	private final Router router;

	private final NodeAclEpoch epoch;

	private final Clock clock;

	private final RateLimitEnforcer rateLimits;

	private final AuditLog audit;

	Authorizer(SealService seal, HaCluster ha, TokenStore tokens, PolicyService policies, Router router,
			NodeAclEpoch epoch, Clock clock, RateLimitEnforcer rateLimits, AuditLog audit) {
		this.rateLimits = rateLimits;
		this.audit = audit;
		this.router = router;
		this.seal = seal;
		this.ha = ha;
		this.tokens = tokens;
		this.policies = policies;
		this.epoch = epoch;
		this.clock = clock;
	}

	public AuthorizeDecision decide(AuthorizeRequest request) {
		return decide(request, UUID.randomUUID().toString());
	}

	/**
	 * The decision, audited when an audit device is enabled: the request entry of the
	 * forwarded request is made durable before the gateway may forward it (a denial gets
	 * its response entry too); such decisions are never cacheable, so every forwarded
	 * request is audited. The forwarded request's response is not audited: it is served
	 * by the other service.
	 * @throws io.coffer.secrets.kernel.VaultException 500 {@code internal error} when the
	 * entry cannot be made durable
	 */
	public AuthorizeDecision decide(AuthorizeRequest request, String requestId) {
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
		Operation operation = operation(request.operation());
		String path = (request.path() != null) ? request.path().replaceFirst("^/+", "") : "";
		if (path.isEmpty()) {
			throw VaultException.badRequest("missing path");
		}
		boolean rateLimited = this.rateLimits.enforce(path);
		// Read before deciding: a change during the decision shows as a newer epoch.
		String before = this.epoch.current();
		Optional<TokenEntry> caller = (request.token() == null || request.token().isBlank()) ? Optional.empty()
				: this.tokens.use(request.token());
		if (caller.isEmpty()) {
			return audited(request, requestId, operation, path, null, AuthorizeDecision.denied(before));
		}
		TokenEntry entry = caller.get();
		AclDecision decision = this.policies.check(entry, path, operation, request.data(), true);
		// The engine owning the path declares whether it needs sudo (sys/ declares
		// Vault's list).
		boolean sudo = this.router.route(path)
			.map((route) -> route.engine().requiresSudo(route.relative(path)))
			.orElse(false);
		if (!decision.allowed() || (sudo && !decision.sudo()) || !decision.permitsWrapTtl(null)) {
			return audited(request, requestId, operation, path, entry, AuthorizeDecision.denied(before));
		}
		long ttl = entry.ttlAt(this.clock.instant().getEpochSecond());
		boolean audited = this.audit.enabled();
		return audited(request, requestId, operation, path, entry,
				new AuthorizeDecision(true, entry.policies(), entry.accessor(), entry.displayName(), "", ttl,
						entry.numUses() == 0 && !rateLimited && !audited, before));
	}

	/**
	 * Journals the request entry of a decided request (and, for a denial, its response
	 * entry with Vault's error) when an audit device is enabled.
	 */
	private AuthorizeDecision audited(AuthorizeRequest request, String requestId, Operation operation, String path,
			TokenEntry entry, AuthorizeDecision decision) {
		if (!this.audit.enabled()) {
			return decision;
		}
		AuditEvent event = new AuditEvent(requestId, operation.vaultName(), path, request.data(), request.token(),
				entry, ClientAddress.current().orElse(null), this.router.route(path).map(Route::mount).orElse(null), 0,
				null, decision.allowed() ? null : "permission denied");
		this.audit.logRequest(event);
		if (!decision.allowed()) {
			this.audit.logResponse(event);
		}
		return decision;
	}

	private static Operation operation(String name) {
		if (name != null) {
			switch (name.toLowerCase(Locale.ROOT)) {
				case "read":
					return Operation.READ;
				case "list":
					return Operation.LIST;
				case "update":
					return Operation.UPDATE;
				case "delete":
					return Operation.DELETE;
				case "patch":
					return Operation.PATCH;
				default:
					break;
			}
		}
		throw VaultException.badRequest("unsupported operation");
	}

}
