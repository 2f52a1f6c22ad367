package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.coffer.secrets.kernel.Operation;

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

	public PolicyService(PolicyStore store) {
		this.store = store;
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
		return decide(policies, path, operation, data, enforceParameters);
	}

	/**
	 * Decides a recover from a loaded snapshot: Vault asks the {@code recover} capability
	 * on the path written, and nothing else (no parameter constraints: the data come from
	 * the snapshot).
	 */
	public AclDecision checkRecover(List<String> policies, String path) {
		return decide(policies, path, null, Map.of(), false);
	}

	/** {@code operation} null: a recover. */
	private AclDecision decide(List<String> policies, String path, Operation operation, Map<String, Object> data,
			boolean enforceParameters) {
		List<String> names = normalized(policies);
		if (names.contains(PolicyStore.ROOT)) {
			return AclDecision.rootPolicy();
		}
		Optional<Acl.Match> match = acl(names).lookup(strip(path), operation == Operation.LIST);
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
	public boolean separatesCreateFromUpdate(List<String> policies, String path) {
		List<String> names = normalized(policies);
		if (names.contains(PolicyStore.ROOT)) {
			return false;
		}
		return acl(names).lookup(strip(path), false)
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
		List<String> names = normalized(policies);
		if (names.contains(PolicyStore.ROOT)) {
			return List.of("root");
		}
		return acl(names).lookup(strip(path), true)
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

	private Acl acl(List<String> names) {
		long generation = this.store.generation();
		Compiled cached = this.cache.get(names);
		if (cached != null && cached.generation() == generation) {
			return cached.acl();
		}
		List<Policy> policies = new ArrayList<>();
		for (String name : names) {
			this.store.policy(name).ifPresent(policies::add);
		}
		Acl acl = Acl.compile(policies);
		if (this.cache.size() >= MAX_CACHED_ACLS) {
			this.cache.clear();
		}
		this.cache.put(names, new Compiled(generation, acl));
		return acl;
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

	private record Compiled(long generation, Acl acl) {
	}

}
