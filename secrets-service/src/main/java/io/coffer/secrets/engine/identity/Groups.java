package io.coffer.secrets.engine.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.storage.StorageOp;

/**
 * Changes to groups and group aliases with Vault's checks and messages, made as
 * {@link Identities} makes its changes: one atomic batch under the same lock, then the
 * policy store's generation moved. Logins set external group memberships through
 * {@link #refreshExternalMemberships}.
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
	 * Creates or updates a group: by {@code id} when given (it must exist), else by name.
	 * Members must exist and no group may contain itself, directly or not. An external
	 * group's members are not set here: logins set its member entities, and it has no
	 * member groups.
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
			String type = AliasPaths.blankToNull(write.type());
			if (previous != null && type != null && !type.equals(previous.type())) {
				throw VaultException.badRequest("group type cannot be changed");
			}
			type = (type != null) ? type : (previous != null) ? previous.type() : Group.INTERNAL;
			if (!type.equals(Group.INTERNAL) && !type.equals(Group.EXTERNAL)) {
				throw VaultException.badRequest("invalid group type \"" + type + "\"");
			}
			String now = this.identities.now();
			String id = (previous != null) ? previous.id() : UUID.randomUUID().toString();
			String name = (write.name() != null && !write.name().isEmpty()) ? write.name()
					: (previous != null) ? previous.name() : "group_" + id.substring(0, 8);
			Optional<Group> holder = this.store.groupByName(name);
			if (holder.isPresent() && !holder.get().id().equals(id)) {
				throw VaultException.badRequest("group name is already in use");
			}
			boolean external = type.equals(Group.EXTERNAL);
			if (external && write.memberEntityIds() != null) {
				throw VaultException.badRequest("member entities can't be set manually for external groups");
			}
			if (external && write.memberGroupIds() != null) {
				throw VaultException.badRequest("member groups can't be set for external groups");
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
					(previous != null) ? previous.modifyIndex() + 1 : 1, type,
					(previous != null) ? previous.alias() : null);
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
					this.store.putGroup(parent.withMemberGroupIds(members, now), parent, ops);
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
	 * Creates or updates a group alias ({@code id} given: update, which needs the name
	 * and mount accessor again, as in Vault). A new alias without a canonical id gets a
	 * new external group of its own; an alias given to a group that has one replaces it.
	 * @return the alias as stored, or null when the write changed nothing
	 */
	GroupAlias writeGroupAlias(GroupAliasWrite write) {
		this.identities.lock().lock();
		try {
			Group holder = null;
			if (write.id() != null) {
				holder = this.store.groupByAliasId(write.id())
					.orElseThrow(() -> VaultException.badRequest("invalid group alias ID"));
			}
			GroupAlias previous = (holder != null) ? holder.alias() : null;
			String name = (write.name() != null) ? write.name() : "";
			if (name.isEmpty()) {
				throw VaultException.badRequest("missing alias name");
			}
			String accessor = (write.mountAccessor() != null) ? write.mountAccessor() : "";
			if (accessor.isEmpty()) {
				throw VaultException.badRequest("missing mount_accessor");
			}
			String canonicalId = write.canonicalId();
			if (previous != null && previous.name().equals(name) && previous.mountAccessor().equals(accessor)
					&& (canonicalId == null || canonicalId.equals(previous.canonicalId()))) {
				return null;
			}
			Group target = null;
			if (canonicalId != null) {
				target = this.store.group(canonicalId)
					.orElseThrow(() -> VaultException.badRequest("invalid group ID given in 'canonical_id'"));
				if (!target.external()) {
					throw VaultException.badRequest("alias can't be set on an internal group");
				}
			}
			if (this.identities.accessors().byAccessor(accessor).isEmpty()) {
				throw VaultException.badRequest("invalid mount accessor \"" + accessor + "\"");
			}
			String id = (previous != null) ? previous.id() : UUID.randomUUID().toString();
			Optional<Group> taken = this.store.groupByAlias(accessor, name);
			if (taken.isPresent() && !taken.get().alias().id().equals(id)) {
				throw VaultException.badRequest("combination of mount and group alias name is already in use");
			}
			String now = this.identities.now();
			List<StorageOp> ops = new ArrayList<>();
			if (target == null) {
				target = (holder != null) ? holder : newExternalGroup(now);
			}
			else if (holder != null && !holder.id().equals(target.id())) {
				// The alias moves: its old group loses it first, in the same batch.
				this.store.putGroup(holder.withAlias(null, now), holder, ops);
			}
			GroupAlias alias = new GroupAlias(id, target.id(), name, accessor,
					(previous != null) ? previous.creationTime() : now, now);
			Group stored = this.store.group(target.id()).orElse(null);
			this.store.putGroup(target.withAlias(alias, now), stored, ops);
			this.store.write(ops);
			this.policies.invalidate();
			return alias;
		}
		finally {
			this.identities.lock().unlock();
		}
	}

	/** Deletes a group alias (its group stays, without it); an unknown id succeeds. */
	void deleteGroupAlias(String aliasId) {
		this.identities.lock().lock();
		try {
			Optional<Group> holder = this.store.groupByAliasId(aliasId);
			if (holder.isPresent()) {
				List<StorageOp> ops = new ArrayList<>();
				this.store.putGroup(holder.get().withAlias(null, this.identities.now()), holder.get(), ops);
				this.store.write(ops);
				this.policies.invalidate();
			}
		}
		finally {
			this.identities.lock().unlock();
		}
	}

	/**
	 * Sets the external group memberships a login reports: the entity joins each external
	 * group whose alias on the login's mount has one of {@code groupNames}, and leaves
	 * the external groups of that mount the login no longer names (groups of other mounts
	 * are kept). Names without a group alias are ignored. Nothing is written when nothing
	 * changes.
	 * @param memberships the current group graph (read again under the lock)
	 */
	void refreshExternalMemberships(String entityId, String mountAccessor, List<String> groupNames,
			Supplier<Memberships> memberships) {
		if (externalChanges(entityId, mountAccessor, groupNames, memberships.get()).isEmpty()) {
			return;
		}
		this.identities.lock().lock();
		try {
			List<Group> changed = externalChanges(entityId, mountAccessor, groupNames, memberships.get());
			if (changed.isEmpty() || this.store.entity(entityId).isEmpty()) {
				return;
			}
			String now = this.identities.now();
			List<StorageOp> ops = new ArrayList<>();
			for (Group group : changed) {
				List<String> members = new ArrayList<>(group.memberEntityIds());
				if (!members.remove(entityId)) {
					members.add(entityId);
				}
				this.store.putGroup(group.withMemberEntityIds(members, now), group, ops);
			}
			this.store.write(ops);
			this.policies.invalidate();
		}
		finally {
			this.identities.lock().unlock();
		}
	}

	/** The external groups the entity must join or leave, as stored now. */
	private List<Group> externalChanges(String entityId, String mountAccessor, List<String> groupNames,
			Memberships memberships) {
		Map<String, Group> wanted = new LinkedHashMap<>();
		for (String name : groupNames) {
			this.store.groupByAlias(mountAccessor, name)
				.filter(Group::external)
				.ifPresent((group) -> wanted.put(group.id(), group));
		}
		List<Group> changes = new ArrayList<>();
		for (Group group : wanted.values()) {
			if (!group.memberEntityIds().contains(entityId)) {
				changes.add(group);
			}
		}
		for (String id : memberships.directGroupIds(entityId)) {
			if (wanted.containsKey(id)) {
				continue;
			}
			this.store.group(id)
				.filter((group) -> group.external() && group.memberEntityIds().contains(entityId)
						&& (group.alias() == null || group.alias().mountAccessor().equals(mountAccessor)))
				.ifPresent(changes::add);
		}
		return changes;
	}

	private Group newExternalGroup(String now) {
		String id = UUID.randomUUID().toString();
		String name = "group_" + id;
		return new Group(id, name, List.of(), List.of(), List.of(), Map.of(), now, now, 0, Group.EXTERNAL, null);
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
	 * @param type {@code internal} or {@code external}
	 * @param policies the policies
	 * @param memberEntityIds the member entities
	 * @param memberGroupIds the member groups
	 * @param metadata the metadata
	 */
	record GroupWrite(String id, String name, String type, List<String> policies, List<String> memberEntityIds,
			List<String> memberGroupIds, Map<String, String> metadata) {
	}

	/**
	 * A group alias write; null fields are unset.
	 *
	 * @param id the alias to update, or null
	 * @param name the group's name on the mount
	 * @param mountAccessor the auth mount's accessor
	 * @param canonicalId the external group to attach it to, or null
	 */
	record GroupAliasWrite(String id, String name, String mountAccessor, String canonicalId) {
	}

}
