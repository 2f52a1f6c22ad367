package io.coffer.secrets.authorize;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import io.coffer.common.authorize.AuthorizeDecision;
import io.coffer.common.authorize.AuthorizeRequest;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.AclDecision;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.quota.RateLimitEnforcer;
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

	Authorizer(SealService seal, HaCluster ha, TokenStore tokens, PolicyService policies, Router router,
			NodeAclEpoch epoch, Clock clock, RateLimitEnforcer rateLimits) {
		this.rateLimits = rateLimits;
		this.router = router;
		this.seal = seal;
		this.ha = ha;
		this.tokens = tokens;
		this.policies = policies;
		this.epoch = epoch;
		this.clock = clock;
	}

	public AuthorizeDecision decide(AuthorizeRequest request) {
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
			return AuthorizeDecision.denied(before);
		}
		TokenEntry entry = caller.get();
		AclDecision decision = this.policies.check(entry.policies(), path, operation, request.data(), true);
		// The engine owning the path declares whether it needs sudo (sys/ declares
		// Vault's list).
		boolean sudo = this.router.route(path)
			.map((route) -> route.engine().requiresSudo(route.relative(path)))
			.orElse(false);
		if (!decision.allowed() || (sudo && !decision.sudo()) || !decision.permitsWrapTtl(null)) {
			return AuthorizeDecision.denied(before);
		}
		long ttl = entry.ttlAt(this.clock.instant().getEpochSecond());
		return new AuthorizeDecision(true, entry.policies(), entry.accessor(), entry.displayName(), "", ttl,
				entry.numUses() == 0 && !rateLimited, before);
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
