package io.coffer.secrets.engine.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.storage.StorageOp;

/**
 * Changes to internal groups with Vault's checks and messages, made as {@link Identities}
 * makes its changes: one atomic batch under the same lock, then the policy store's
 * generation moved.
 */
final class Groups {

	private final Identities identities;

	private final IdentityStore store;

	private final PolicyStore policies;

	Groups(Identities identities, PolicyStore policies) {
		this.identities = identities;
		this.store = identities.store();
		this.policies = policies;
	}

	/**
	 * Creates or updates an internal group: by {@code id} when given (it must exist),
	 * else by name. Members must exist and no group may contain itself, directly or not.
	 */
	Group writeGroup(GroupWrite write) {
		this.identities.lock().lock();
		try {
			Group previous = null;
			if (write.id() != null) {
				previous = this.store.group(write.id())
					.orElseThrow(() -> VaultException.badRequest("group not found from ID"));
			}
			else if (write.name() != null && !write.name().isEmpty()) {
				previous = this.store.groupByName(write.name()).orElse(null);
			}
			if (write.type() != null && !write.type().isEmpty() && !write.type().equals("internal")) {
				throw VaultException.badRequest(write.type().equals("external")
						? "external groups are not supported: Coffer has internal groups only"
						: "invalid type \"" + write.type() + "\"");
			}
			String now = this.identities.now();
			String id = (previous != null) ? previous.id() : UUID.randomUUID().toString();
			String name = (write.name() != null && !write.name().isEmpty()) ? write.name()
					: (previous != null) ? previous.name() : "group_" + id.substring(0, 8);
			Optional<Group> holder = this.store.groupByName(name);
			if (holder.isPresent() && !holder.get().id().equals(id)) {
				throw VaultException.badRequest("group name is already in use");
			}
			List<String> entities = Identities.distinct(Identities.orElse(write.memberEntityIds(),
					(previous != null) ? previous.memberEntityIds() : List.of()));
			for (String entity : entities) {
				if (this.store.entity(entity).isEmpty()) {
					throw VaultException.badRequest("invalid member entity ID \"" + entity + "\"");
				}
			}
			List<String> groups = Identities.distinct(Identities.orElse(write.memberGroupIds(),
					(previous != null) ? previous.memberGroupIds() : List.of()));
			requireAcyclic(id, groups);
			Group group = new Group(id, name,
					Identities.distinct(
							Identities.orElse(write.policies(), (previous != null) ? previous.policies() : List.of())),
					entities, groups,
					Identities.orElse(write.metadata(), (previous != null) ? previous.metadata() : Map.of()),
					(previous != null) ? previous.creationTime() : now, now,
					(previous != null) ? previous.modifyIndex() + 1 : 1);
			List<StorageOp> ops = new ArrayList<>();
			this.store.putGroup(group, previous, ops);
			this.store.write(ops);
			this.policies.invalidate();
			return group;
		}
		finally {
			this.identities.lock().unlock();
		}
	}

	/** Deletes a group and its place in other groups; an unknown id succeeds. */
	void deleteGroup(String id) {
		this.identities.lock().lock();
		try {
			Optional<Group> found = this.store.group(id);
			if (found.isEmpty()) {
				return;
			}
			List<StorageOp> ops = new ArrayList<>();
			String now = this.identities.now();
			for (Group parent : this.store.groups()) {
				if (parent.memberGroupIds().contains(id)) {
					List<String> members = new ArrayList<>(parent.memberGroupIds());
					members.remove(id);
					this.store.putGroup(
							new Group(parent.id(), parent.name(), parent.policies(), parent.memberEntityIds(), members,
									parent.metadata(), parent.creationTime(), now, parent.modifyIndex() + 1),
							parent, ops);
				}
			}
			this.store.deleteGroup(found.get(), ops);
			this.store.write(ops);
			this.policies.invalidate();
		}
		finally {
			this.identities.lock().unlock();
		}
	}

	/**
	 * Refuses member groups that do not exist or that contain {@code groupId} (directly
	 * or through their own member groups), which would make a cycle.
	 */
	private void requireAcyclic(String groupId, List<String> memberGroupIds) {
		for (String member : memberGroupIds) {
			if (member.equals(groupId)) {
				throw VaultException.badRequest("cyclic relationship detected for member group ID \"" + member + "\"");
			}
			if (this.store.group(member).isEmpty()) {
				throw VaultException.badRequest("invalid member group ID \"" + member + "\"");
			}
			if (reaches(member, groupId, new LinkedHashSet<>())) {
				throw VaultException.badRequest("cyclic relationship detected for member group ID \"" + member + "\"");
			}
		}
	}

	private boolean reaches(String from, String target, Set<String> seen) {
		if (!seen.add(from)) {
			return false;
		}
		for (String child : this.store.group(from).map(Group::memberGroupIds).orElse(List.of())) {
			if (child.equals(target) || reaches(child, target, seen)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A group write; null fields are unset.
	 *
	 * @param id the group to update, or null
	 * @param name the name
	 * @param type {@code internal} (the only type served)
	 * @param policies the policies
	 * @param memberEntityIds the member entities
	 * @param memberGroupIds the member groups
	 * @param metadata the metadata
	 */
	record GroupWrite(String id, String name, String type, List<String> policies, List<String> memberEntityIds,
			List<String> memberGroupIds, Map<String, String> metadata) {
	}

}
