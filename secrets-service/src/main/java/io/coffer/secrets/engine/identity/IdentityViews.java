package io.coffer.secrets.engine.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.kernel.MountEntry;

/** Vault's JSON shapes of entities, aliases and groups. */
final class IdentityViews {

	private final IdentityStore store;

	private final AuthAccessors accessors;

	private final IdentityResolver resolver;

	IdentityViews(IdentityStore store, AuthAccessors accessors, IdentityResolver resolver) {
		this.store = store;
		this.accessors = accessors;
		this.resolver = resolver;
	}

	Map<String, Object> entity(Entity entity) {
		Memberships memberships = this.resolver.memberships();
		List<String> direct = memberships.directGroupIds(entity.id());
		List<String> inherited = memberships.inheritedGroupIds(entity.id());
		LinkedHashSet<String> all = new LinkedHashSet<>(direct);
		all.addAll(inherited);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("aliases", this.store.aliasesOf(entity.id()).stream().map(this::alias).toList());
		data.put("creation_time", entity.creationTime());
		data.put("direct_group_ids", direct);
		data.put("disabled", entity.disabled());
		data.put("group_ids", List.copyOf(all));
		data.put("id", entity.id());
		data.put("inherited_group_ids", inherited);
		data.put("last_update_time", entity.lastUpdateTime());
		data.put("merged_entity_ids", null);
		data.put("metadata", entity.metadata().isEmpty() ? null : new LinkedHashMap<>(entity.metadata()));
		data.put("mfa_secrets", Map.of());
		data.put("name", entity.name());
		data.put("namespace_id", "root");
		data.put("policies", entity.policies());
		return data;
	}

	/** What a write of an entity answers: its id, name and alias ids. */
	Map<String, Object> entityWritten(Entity entity) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", entity.id());
		data.put("name", entity.name());
		List<String> aliases = this.store.aliasesOf(entity.id()).stream().map(EntityAlias::id).toList();
		data.put("aliases", aliases.isEmpty() ? null : aliases);
		return data;
	}

	Map<String, Object> alias(EntityAlias alias) {
		Optional<MountEntry> mount = this.accessors.byAccessor(alias.mountAccessor());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("canonical_id", alias.canonicalId());
		data.put("creation_time", alias.creationTime());
		data.put("custom_metadata", new LinkedHashMap<>(alias.customMetadata()));
		data.put("id", alias.id());
		data.put("last_update_time", alias.lastUpdateTime());
		data.put("local", false);
		data.put("merged_from_canonical_ids", null);
		data.put("metadata", null);
		data.put("mount_accessor", alias.mountAccessor());
		data.put("mount_path", mount.map(MountEntry::path).orElse(""));
		data.put("mount_type", mount.map(MountEntry::type).orElse(""));
		data.put("name", alias.name());
		data.put("namespace_id", "root");
		return data;
	}

	Map<String, Object> group(Group group) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("alias", (group.alias() != null) ? groupAlias(group.alias()) : Map.of());
		data.put("creation_time", group.creationTime());
		data.put("id", group.id());
		data.put("last_update_time", group.lastUpdateTime());
		data.put("member_entity_ids", group.memberEntityIds());
		data.put("member_group_ids", group.memberGroupIds().isEmpty() ? null : group.memberGroupIds());
		data.put("metadata", group.metadata().isEmpty() ? null : new LinkedHashMap<>(group.metadata()));
		data.put("modify_index", group.modifyIndex());
		data.put("name", group.name());
		data.put("namespace_id", "root");
		List<String> parents = parentGroupIds(group);
		data.put("parent_group_ids", parents.isEmpty() ? null : parents);
		data.put("policies", group.policies());
		data.put("type", group.type());
		return data;
	}

	Map<String, Object> groupAlias(GroupAlias alias) {
		Optional<MountEntry> mount = this.accessors.byAccessor(alias.mountAccessor());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("canonical_id", alias.canonicalId());
		data.put("creation_time", alias.creationTime());
		data.put("id", alias.id());
		data.put("last_update_time", alias.lastUpdateTime());
		data.put("merged_from_canonical_ids", null);
		data.put("metadata", null);
		data.put("mount_accessor", alias.mountAccessor());
		data.put("mount_path", mount.map(MountEntry::path).orElse(""));
		data.put("mount_type", mount.map(MountEntry::type).orElse(""));
		data.put("name", alias.name());
		data.put("namespace_id", "root");
		return data;
	}

	List<String> parentGroupIds(Group group) {
		return this.resolver.memberships().parentGroupIds(group.id());
	}

	/** A LIST answer with Vault's {@code key_info}. */
	static Map<String, Object> keys(List<String> keys, Map<String, Object> keyInfo) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", new ArrayList<>(keys));
		if (keyInfo != null) {
			data.put("key_info", keyInfo);
		}
		return data;
	}

}
