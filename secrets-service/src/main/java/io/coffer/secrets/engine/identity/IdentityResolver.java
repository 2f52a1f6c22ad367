package io.coffer.secrets.engine.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.policy.IdentityPolicies;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.token.EntityLinker;

/**
 * What identity means to a token: the entity a login belongs to and the external groups
 * it reports ({@link EntityLinker}) and the policies the entity and its groups add
 * ({@link IdentityPolicies}). The group graph is cached per policy-store generation,
 * which every identity change, every HA transition and every seal moves, so no node keeps
 * a stale membership after a change it may have missed. Entities are read on each
 * request: a disabled entity is refused at once.
 */
public final class IdentityResolver implements IdentityPolicies, EntityLinker {

	/** Identity never grants {@code root}: only a root token holds it. */
	private static final String ROOT = "root";

	private final Identities identities;

	private final Groups groups;

	private final PolicyStore policies;

	private volatile Cached cached = new Cached(Long.MIN_VALUE, new Memberships(List.of()));

	IdentityResolver(Identities identities, Groups groups, PolicyStore policies) {
		this.identities = identities;
		this.groups = groups;
		this.policies = policies;
	}

	@Override
	public EntityGrant of(String entityId) {
		Optional<Entity> entity = this.identities.store().entity(entityId);
		if (entity.isEmpty()) {
			return EntityGrant.NONE;
		}
		if (entity.get().disabled()) {
			return new EntityGrant(true, List.of());
		}
		TreeSet<String> all = new TreeSet<>(entity.get().policies());
		all.addAll(memberships().policiesOf(entityId));
		all.remove(ROOT);
		return new EntityGrant(false, List.copyOf(all));
	}

	@Override
	public Map<String, String> templateValues(String entityId) {
		Optional<Entity> found = this.identities.store().entity(entityId);
		if (found.isEmpty()) {
			return Map.of();
		}
		Entity entity = found.get();
		Map<String, String> values = new HashMap<>();
		values.put("identity.entity.id", entity.id());
		values.put("identity.entity.name", entity.name());
		entity.metadata().forEach((key, value) -> values.put("identity.entity.metadata." + key, value));
		for (EntityAlias alias : this.identities.store().aliasesOf(entity.id())) {
			String prefix = "identity.entity.aliases." + alias.mountAccessor() + ".";
			values.put(prefix + "id", alias.id());
			values.put(prefix + "name", alias.name());
			alias.customMetadata().forEach((key, value) -> values.put(prefix + "custom_metadata." + key, value));
		}
		Memberships memberships = memberships();
		for (String groupId : memberships.groupIdsOf(entityId)) {
			this.identities.store().group(groupId).ifPresent((group) -> {
				values.put("identity.groups.ids." + group.id() + ".name", group.name());
				values.put("identity.groups.names." + group.name() + ".id", group.id());
				group.metadata()
					.forEach((key, value) -> values.put("identity.groups.ids." + group.id() + ".metadata." + key,
							value));
				group.metadata()
					.forEach((key, value) -> values.put("identity.groups.names." + group.name() + ".metadata." + key,
							value));
			});
		}
		return values;
	}

	/**
	 * Links the login to its entity, then sets the entity's external group memberships on
	 * that mount to the groups the login reports (none: it leaves them all).
	 */
	@Override
	public String link(MountEntry authMount, String aliasName, List<String> groupAliasNames) {
		String entityId = this.identities.link(authMount, aliasName);
		this.groups.refreshExternalMemberships(entityId, authMount.accessor(), groupAliasNames, this::memberships);
		return entityId;
	}

	/** The current group graph. */
	Memberships memberships() {
		long generation = this.policies.generation();
		Cached current = this.cached;
		if (current.generation() == generation) {
			return current.memberships();
		}
		Memberships fresh = new Memberships(this.identities.store().groups());
		this.cached = new Cached(generation, fresh);
		return fresh;
	}

	private record Cached(long generation, Memberships memberships) {
	}

}
