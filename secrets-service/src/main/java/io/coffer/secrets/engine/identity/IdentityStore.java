package io.coffer.secrets.engine.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.storage.StorageOp;

/**
 * Entities, entity aliases and groups behind the barrier, in the identity mount's view:
 * each record under its id, with name indexes ({@code entity/name/}, {@code group/name/},
 * {@code alias/key/<mount accessor>/}, names lower-cased as Vault's identity store is
 * case-insensitive) and each entity's aliases under {@code alias/entity/<entity id>/}. A
 * record and its indexes are written in one atomic batch. No validation here: see
 * {@link Identities}.
 */
final class IdentityStore {

	private static final String ENTITY = "entity/id/";

	private static final String ENTITY_NAME = "entity/name/";

	private static final String ALIAS = "alias/id/";

	private static final String ALIAS_KEY = "alias/key/";

	private static final String ALIAS_OF_ENTITY = "alias/entity/";

	private static final String GROUP = "group/id/";

	private static final String GROUP_NAME = "group/name/";

	private static final String GROUP_ALIAS = "group-alias/id/";

	private static final String GROUP_ALIAS_KEY = "group-alias/key/";

	private final BarrierView view;

	IdentityStore(BarrierView view) {
		this.view = view;
	}

	Optional<Entity> entity(String id) {
		return read(ENTITY, id, Entity.class);
	}

	Optional<Entity> entityByName(String name) {
		return index(ENTITY_NAME + key(name)).flatMap(this::entity);
	}

	List<Entity> entities() {
		return all(ENTITY, Entity.class);
	}

	Optional<EntityAlias> alias(String id) {
		return read(ALIAS, id, EntityAlias.class);
	}

	Optional<EntityAlias> aliasByName(String mountAccessor, String name) {
		if (!safeId(mountAccessor)) {
			return Optional.empty();
		}
		return index(ALIAS_KEY + mountAccessor + "/" + key(name)).flatMap(this::alias);
	}

	List<EntityAlias> aliases() {
		return all(ALIAS, EntityAlias.class);
	}

	List<EntityAlias> aliasesOf(String entityId) {
		List<EntityAlias> out = new ArrayList<>();
		if (safeId(entityId)) {
			for (String id : this.view.list(ALIAS_OF_ENTITY + entityId + "/")) {
				alias(id).ifPresent(out::add);
			}
		}
		return out;
	}

	Optional<Group> group(String id) {
		return read(GROUP, id, Group.class);
	}

	Optional<Group> groupByName(String name) {
		return index(GROUP_NAME + key(name)).flatMap(this::group);
	}

	List<Group> groups() {
		return all(GROUP, Group.class);
	}

	/** The group holding the group alias {@code aliasId}. */
	Optional<Group> groupByAliasId(String aliasId) {
		if (!safeId(aliasId)) {
			return Optional.empty();
		}
		return index(GROUP_ALIAS + aliasId).flatMap(this::group)
			.filter((group) -> group.alias() != null && group.alias().id().equals(aliasId));
	}

	/** The group whose alias has this name on this mount. */
	Optional<Group> groupByAlias(String mountAccessor, String name) {
		if (!safeId(mountAccessor)) {
			return Optional.empty();
		}
		return index(GROUP_ALIAS_KEY + mountAccessor + "/" + key(name)).flatMap(this::group)
			.filter((group) -> group.alias() != null && group.alias().mountAccessor().equals(mountAccessor)
					&& key(group.alias().name()).equals(key(name)));
	}

	/** Every group alias, with the group holding it. */
	List<GroupAlias> groupAliases() {
		List<GroupAlias> out = new ArrayList<>();
		for (String id : this.view.list(GROUP_ALIAS)) {
			groupByAliasId(id).ifPresent((group) -> out.add(group.alias()));
		}
		return out;
	}

	/** Writes an entity, moving its name index when {@code previous} had another name. */
	void putEntity(Entity entity, Entity previous, List<StorageOp> ops) {
		if (previous != null && !key(previous.name()).equals(key(entity.name()))) {
			ops.add(new StorageOp.Delete(ENTITY_NAME + key(previous.name())));
		}
		ops.add(new StorageOp.Put(ENTITY + entity.id(), Json.write(entity)));
		ops.add(new StorageOp.Put(ENTITY_NAME + key(entity.name()), bytes(entity.id())));
	}

	void deleteEntity(Entity entity, List<StorageOp> ops) {
		ops.add(new StorageOp.Delete(ENTITY + entity.id()));
		ops.add(new StorageOp.Delete(ENTITY_NAME + key(entity.name())));
	}

	/** Writes an alias, moving its indexes when {@code previous} differed. */
	void putAlias(EntityAlias alias, EntityAlias previous, List<StorageOp> ops) {
		if (previous != null) {
			deleteAlias(previous, ops);
		}
		ops.add(new StorageOp.Put(ALIAS + alias.id(), Json.write(alias)));
		ops.add(new StorageOp.Put(aliasKey(alias), bytes(alias.id())));
		ops.add(new StorageOp.Put(ALIAS_OF_ENTITY + alias.canonicalId() + "/" + alias.id(), new byte[0]));
	}

	void deleteAlias(EntityAlias alias, List<StorageOp> ops) {
		ops.add(new StorageOp.Delete(ALIAS + alias.id()));
		ops.add(new StorageOp.Delete(aliasKey(alias)));
		ops.add(new StorageOp.Delete(ALIAS_OF_ENTITY + alias.canonicalId() + "/" + alias.id()));
	}

	/**
	 * Writes a group, moving its name index when {@code previous} had another name and
	 * its alias indexes when its alias changed.
	 */
	void putGroup(Group group, Group previous, List<StorageOp> ops) {
		if (previous != null && !key(previous.name()).equals(key(group.name()))) {
			ops.add(new StorageOp.Delete(GROUP_NAME + key(previous.name())));
		}
		if (previous != null && previous.alias() != null) {
			deleteAliasIndexes(previous.alias(), ops);
		}
		ops.add(new StorageOp.Put(GROUP + group.id(), Json.write(group)));
		ops.add(new StorageOp.Put(GROUP_NAME + key(group.name()), bytes(group.id())));
		if (group.alias() != null) {
			ops.add(new StorageOp.Put(GROUP_ALIAS + group.alias().id(), bytes(group.id())));
			ops.add(new StorageOp.Put(groupAliasKey(group.alias()), bytes(group.id())));
		}
	}

	void deleteGroup(Group group, List<StorageOp> ops) {
		ops.add(new StorageOp.Delete(GROUP + group.id()));
		ops.add(new StorageOp.Delete(GROUP_NAME + key(group.name())));
		if (group.alias() != null) {
			deleteAliasIndexes(group.alias(), ops);
		}
	}

	private static void deleteAliasIndexes(GroupAlias alias, List<StorageOp> ops) {
		ops.add(new StorageOp.Delete(GROUP_ALIAS + alias.id()));
		ops.add(new StorageOp.Delete(groupAliasKey(alias)));
	}

	private static String groupAliasKey(GroupAlias alias) {
		return GROUP_ALIAS_KEY + alias.mountAccessor() + "/" + key(alias.name());
	}

	/** Applies a batch built with the methods above, atomically. */
	void write(List<StorageOp> ops) {
		if (!ops.isEmpty()) {
			this.view.write(ops);
		}
	}

	private static String aliasKey(EntityAlias alias) {
		return ALIAS_KEY + alias.mountAccessor() + "/" + key(alias.name());
	}

	private <T> Optional<T> read(String prefix, String id, Class<T> type) {
		if (!safeId(id)) {
			return Optional.empty();
		}
		return this.view.get(prefix + id).map((bytes) -> Json.read(bytes, type));
	}

	private <T> List<T> all(String prefix, Class<T> type) {
		List<T> out = new ArrayList<>();
		for (String id : this.view.list(prefix)) {
			read(prefix, id, type).ifPresent(out::add);
		}
		return out;
	}

	private Optional<String> index(String key) {
		return this.view.get(key).map((bytes) -> new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * A name as a storage key segment: lower-cased, percent-encoded, dots too, so no name
	 * can form a path or escape its prefix.
	 */
	static String key(String name) {
		return URLEncoder.encode(name.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8).replace(".", "%2E");
	}

	/**
	 * Ids and accessors are UUIDs and {@code <type>_<hex>}: nothing else is looked up.
	 */
	static boolean safeId(String id) {
		return id != null && id.matches("[A-Za-z0-9_-]{1,128}");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
