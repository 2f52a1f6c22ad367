package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Authorization for the request path: compiles a token's policies into an {@link Acl}
 * (cached per set of names, dropped on every policy change) and answers whether an
 * operation on a path is allowed.
 */
@Service
public class PolicyService {

	/** Distinct policy sets seen; past this the cache starts over rather than grow. */
	private static final int MAX_CACHED_ACLS = 1024;

	private final PolicyStore store;

	private final Map<List<String>, Compiled> cache = new ConcurrentHashMap<>();

	/** ACLs of templated policy sets, per entity. */
	private final Map<EntityKey, Compiled> entityCache = new ConcurrentHashMap<>();

	private final ObjectProvider<IdentityPolicies> identity;

	/** Policies without identity: tokens are authorized by their own policies only. */
	public PolicyService(PolicyStore store) {
		this(store, null);
	}

	@Autowired
	public PolicyService(PolicyStore store, ObjectProvider<IdentityPolicies> identity) {
		this.store = store;
		this.identity = identity;
	}

	/**
	 * Every policy a token is authorized with: its own and its entity's identity
	 * policies. A token of a disabled entity gets none, so it is refused everything, as
	 * Vault refuses it.
	 */
	public List<String> policiesFor(TokenEntry token) {
		IdentityPolicies.EntityGrant grant = identityOf(token);
		if (grant.disabled()) {
			return List.of();
		}
		if (grant.policies().isEmpty()) {
			return token.policies();
		}
		TreeSet<String> all = new TreeSet<>(token.policies());
		all.addAll(grant.policies());
		return List.copyOf(all);
	}

	/** What the token's entity adds (Vault's {@code identity_policies}). */
	public IdentityPolicies.EntityGrant identityOf(TokenEntry token) {
		if (token.entityId().isEmpty() || this.identity == null) {
			return IdentityPolicies.EntityGrant.NONE;
		}
		return this.identity.getIfAvailable(() -> IdentityPolicies.NONE).of(token.entityId());
	}

	/**
	 * Decides one request.
	 * @param policies the token's policy names (unknown names grant nothing)
	 * @param path the full request path without leading slash, e.g.
	 * {@code secret/data/app}; a LIST path may end in {@code /}
	 * @param operation the logical operation (after the existence check turned a write
	 * into create or update)
	 * @param data the request data, checked against parameter constraints
	 * @param enforceParameters false on KV v2 mounts, where Vault does not apply
	 * parameter constraints
	 */
	public AclDecision check(List<String> policies, String path, Operation operation, Map<String, Object> data,
			boolean enforceParameters) {
		return decide(policies, "", path, operation, data, enforceParameters);
	}

	/**
	 * Decides one request of a token: with its own and its entity's policies, templated
	 * paths filled from its entity (see
	 * {@link #check(List, String, Operation, Map, boolean)} for the other parameters).
	 */
	public AclDecision check(TokenEntry token, String path, Operation operation, Map<String, Object> data,
			boolean enforceParameters) {
		return decide(policiesFor(token), token.entityId(), path, operation, data, enforceParameters);
	}

	/**
	 * Decides a recover from a loaded snapshot: Vault asks the {@code recover} capability
	 * on the path written, and nothing else (no parameter constraints: the data come from
	 * the snapshot).
	 */
	public AclDecision checkRecover(List<String> policies, String path) {
		return decide(policies, "", path, null, Map.of(), false);
	}

	/**
	 * {@link #checkRecover(List, String)} for a token, its entity's policies included.
	 */
	public AclDecision checkRecover(TokenEntry token, String path) {
		return decide(policiesFor(token), token.entityId(), path, null, Map.of(), false);
	}

	/** {@code operation} null: a recover. */
	private AclDecision decide(List<String> policies, String entityId, String path, Operation operation,
			Map<String, Object> data, boolean enforceParameters) {
		List<String> names = normalized(policies);
		if (names.contains(PolicyStore.ROOT)) {
			return AclDecision.rootPolicy();
		}
		Optional<Acl.Match> match = acl(names, entityId).lookup(strip(path), operation == Operation.LIST);
		if (match.isEmpty()) {
			return AclDecision.denied("no policy grants access to this path");
		}
		Permissions permissions = match.get().permissions();
		String rule = "path \"" + match.get().pattern() + "\"";
		if (permissions.denies()) {
			return AclDecision.denied("denied by " + rule);
		}
		List<String> capabilities = names(permissions);
		boolean sudo = permissions.capabilities().contains(Capability.SUDO);
		Capability needed = (operation != null) ? Capability.requiredFor(operation) : Capability.RECOVER;
		if (!permissions.capabilities().contains(needed)) {
			return decision(false, capabilities, sudo, rule + " does not grant " + needed.vaultName(), permissions);
		}
		if (enforceParameters && ParameterRules.appliesTo(operation)) {
			Optional<String> violation = ParameterRules.violation(permissions, (data != null) ? data : Map.of());
			if (violation.isPresent()) {
				return decision(false, capabilities, sudo, violation.get() + " by " + rule, permissions);
			}
		}
		return decision(true, capabilities, sudo, "granted by " + rule, permissions);
	}

	/**
	 * Whether the policies grant exactly one of {@code create} and {@code update} on the
	 * path, i.e. whether a write's ACL decision depends on the existence check.
	 */
	public boolean separatesCreateFromUpdate(TokenEntry token, String path) {
		List<String> names = normalized(policiesFor(token));
		if (names.contains(PolicyStore.ROOT)) {
			return false;
		}
		return acl(names, token.entityId()).lookup(strip(path), false)
			.map(Acl.Match::permissions)
			.filter((permissions) -> !permissions.denies())
			.map((permissions) -> permissions.capabilities().contains(Capability.CREATE) != permissions.capabilities()
				.contains(Capability.UPDATE))
			.orElse(false);
	}

	/**
	 * What {@code sys/capabilities} reports: sorted capability names, {@code ["root"]}
	 * for root, {@code ["deny"]} when nothing is granted.
	 */
	public List<String> capabilities(List<String> policies, String path) {
		return capabilities(policies, "", path);
	}

	/** {@link #capabilities(List, String)} of a token, its entity's policies included. */
	public List<String> capabilities(TokenEntry token, String path) {
		return capabilities(policiesFor(token), token.entityId(), path);
	}

	private List<String> capabilities(List<String> policies, String entityId, String path) {
		List<String> names = normalized(policies);
		if (names.contains(PolicyStore.ROOT)) {
			return List.of("root");
		}
		return acl(names, entityId).lookup(strip(path), true)
			.map(Acl.Match::permissions)
			.filter((permissions) -> !permissions.denies())
			.map(PolicyService::names)
			.orElse(List.of("deny"));
	}

	/**
	 * Whether a policy of that name exists ({@code root} and {@code default} always do).
	 */
	public boolean exists(String name) {
		return this.store.exists(name);
	}

	/**
	 * The ACL of a set of policies. Without templated paths it is shared by every token
	 * holding that set; with some, each entity gets its own, filled from its identity (a
	 * token without an entity gets the set without the templated paths).
	 */
	private Acl acl(List<String> names, String entityId) {
		long generation = this.store.generation();
		Compiled plain = this.cache.get(names);
		if (plain == null || plain.generation() != generation) {
			List<Policy> policies = load(names);
			plain = new Compiled(generation, compile(policies, Map.of()),
					policies.stream().anyMatch(PolicyTemplates::isTemplated));
			remember(this.cache, names, plain);
		}
		if (!plain.templated() || entityId.isEmpty() || this.identity == null) {
			return plain.acl();
		}
		EntityKey key = new EntityKey(names, entityId);
		Compiled own = this.entityCache.get(key);
		if (own != null && own.generation() == generation) {
			return own.acl();
		}
		Map<String, String> values = this.identity.getIfAvailable(() -> IdentityPolicies.NONE).templateValues(entityId);
		Acl acl = compile(load(names), values);
		remember(this.entityCache, key, new Compiled(generation, acl, true));
		return acl;
	}

	private List<Policy> load(List<String> names) {
		List<Policy> policies = new ArrayList<>();
		for (String name : names) {
			this.store.policy(name).ifPresent(policies::add);
		}
		return policies;
	}

	private static Acl compile(List<Policy> policies, Map<String, String> values) {
		return Acl.compile(policies.stream().map((policy) -> PolicyTemplates.resolve(policy, values)).toList());
	}

	private static <K> void remember(Map<K, Compiled> cache, K key, Compiled compiled) {
		if (cache.size() >= MAX_CACHED_ACLS) {
			cache.clear();
		}
		cache.put(key, compiled);
	}

	private static AclDecision decision(boolean allowed, List<String> capabilities, boolean sudo, String reason,
			Permissions permissions) {
		return new AclDecision(allowed, capabilities, sudo, false, reason, permissions.minWrappingTtl(),
				permissions.maxWrappingTtl());
	}

	private static List<String> names(Permissions permissions) {
		TreeSet<String> sorted = new TreeSet<>();
		permissions.capabilities().forEach((capability) -> sorted.add(capability.vaultName()));
		return sorted.isEmpty() ? List.of("deny") : List.copyOf(sorted);
	}

	private static List<String> normalized(List<String> policies) {
		TreeSet<String> names = new TreeSet<>();
		for (String policy : policies) {
			names.add(PolicyStore.normalize(policy));
		}
		return List.copyOf(names);
	}

	private static String strip(String path) {
		return path.startsWith("/") ? path.substring(1) : path;
	}

	private record Compiled(long generation, Acl acl, boolean templated) {
	}

	private record EntityKey(List<String> names, String entityId) {
	}

}
