package io.coffer.secrets.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stores new tokens and answers with Vault's {@code auth} block: for
 * {@code auth/token/create*} (via {@link TokenCreation}) and for auth method logins.
 */
@Component
public class TokenIssuer {

	private final TokenStore store;

	private final PolicyService policies;

	private final TokenMetrics metrics;

	private final ObjectProvider<EntityLinker> entities;

	/** An issuer whose logins belong to no identity entity. */
	public TokenIssuer(TokenStore store, PolicyService policies, TokenMetrics metrics) {
		this(store, policies, metrics, null);
	}

	@Autowired
	public TokenIssuer(TokenStore store, PolicyService policies, TokenMetrics metrics,
			ObjectProvider<EntityLinker> entities) {
		this.store = store;
		this.policies = policies;
		this.metrics = metrics;
		this.entities = entities;
	}

	/**
	 * Issues the token of a successful login: an orphan with the method's policies (plus
	 * {@code default} unless disabled), bounded by the method's and the mount's TTLs; a
	 * batch token when the role's or user's {@code token_type} and the mount's
	 * {@code token_type} make it one (see {@link TokenParams#issuesBatch}). A grant with
	 * an alias name belongs to the identity entity of that alias, created on the first
	 * login, as Vault links logins to entities; the groups the grant reports set the
	 * entity's external group memberships on the mount.
	 * @throws VaultException 400 when the grant would make a root token or is past its
	 * maximum; 403 when the alias's entity is disabled
	 */
	public LogicalResponse login(LoginGrant grant) {
		TokenParams params = grant.params();
		List<String> names = PolicyNames.sanitize(params.policies(), !params.noDefaultPolicy());
		if (params.noDefaultPolicy()) {
			names = names.stream().filter((name) -> !name.equals(PolicyNames.DEFAULT)).toList();
		}
		if (names.contains(PolicyNames.ROOT)) {
			throw VaultException.badRequest("auth methods cannot create root tokens");
		}
		MountEntry mount = grant.mount();
		long max = mount.effectiveMaxTtl();
		if (params.maxTtl() > 0 && params.maxTtl() < max) {
			max = params.maxTtl();
		}
		TokenTtl limits = new TokenTtl(mount.effectiveDefaultTtl(), max, params.explicitMaxTtl(), params.period());
		long now = this.store.now();
		TokenTtl.Result ttl = limits.calculate(params.ttl(), now, now);
		String source = mount.path().replaceFirst("^auth/", "").replace('/', '-');
		String displayName = (source + grant.displayName()).replaceFirst("-$", "");
		boolean batch = params.issuesBatch(mount.config().tokenType());
		String entityId = entityOf(grant);
		TokenEntry draft = new TokenEntry("", names, mount.path() + grant.loginPath(), displayName, now, ttl.ttl(),
				params.numUses(), true, grant.meta(), "", now + ttl.ttl(), 0, params.explicitMaxTtl(), params.period(),
				max, !batch, "", List.of(), batch, entityId)
			.withBoundCidrs(params.boundCidrs());
		return issue(draft, null, new Origin(mount.type(), mount.path()), ttl.warnings());
	}

	private String entityOf(LoginGrant grant) {
		if (grant.aliasName().isEmpty() || this.entities == null) {
			return "";
		}
		EntityLinker linker = this.entities.getIfAvailable();
		return (linker != null) ? linker.link(grant.mount(), grant.aliasName(), grant.groupAliases()) : "";
	}

	/**
	 * Issues a response-wrapping token as Vault's {@code wrapInCubbyhole} does: an orphan
	 * holding only the {@code response-wrapping} policy, good for one use, not renewable,
	 * living exactly {@code ttlSeconds} (also its explicit maximum).
	 * @param creationPath the path of the request whose response is wrapped
	 * @param mountPoint that request's mount, for metrics
	 * @return the new token with its entry
	 */
	public Caller wrappingToken(String creationPath, String mountPoint, long ttlSeconds) {
		long now = this.store.now();
		TokenEntry draft = new TokenEntry("", List.of(PolicyNames.RESPONSE_WRAPPING), creationPath, "", now, ttlSeconds,
				1, true, Map.of(), "", now + ttlSeconds, 0, ttlSeconds, 0, ttlSeconds, false, "");
		TokenStore.Issued issued = this.store.create(draft, null);
		this.metrics.created(issued.entry(), "response_wrapping", mountPoint);
		return new Caller(issued.token(), issued.entry());
	}

	/**
	 * Stores a token and answers with its {@code auth} block, warning about policies that
	 * do not exist (the token is created anyway, as in Vault).
	 */
	LogicalResponse issue(TokenEntry draft, String customId, Origin origin, List<String> warnings) {
		TokenStore.Issued issued = this.store.create(draft, customId);
		this.metrics.created(issued.entry(), origin.method(), origin.mountPoint());
		List<String> all = new ArrayList<>(warnings);
		for (String name : issued.entry().policies()) {
			if (!this.policies.exists(name)) {
				all.add("Policy \"" + name + "\" does not exist");
			}
		}
		return LogicalResponse.empty()
			.withAuth(TokenViews.auth(issued.token(), issued.entry(), this.store.now(),
					this.policies.identityOf(issued.entry()).policies()))
			.withWarnings(all);
	}

	/**
	 * Where a token came from, for metrics.
	 *
	 * @param method the auth method type, e.g. {@code token} or {@code approle}
	 * @param mountPoint the mount path, e.g. {@code auth/token/}
	 */
	record Origin(String method, String mountPoint) {
	}

}
