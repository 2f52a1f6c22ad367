package io.coffer.secrets.engine.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyStore;
import io.coffer.secrets.storage.StorageOp;

/**
 * Changes to entities and aliases ({@link Groups}: groups) with Vault's checks and
 * messages. Every change is one atomic batch made under one lock (only the active node
 * writes), and every change that can alter what a token may do moves the policy store's
 * generation, which drops compiled ACLs, identity caches and the gateway's cached
 * decisions on this node (other nodes drop theirs when they become active).
 */
final class Identities {

	private final IdentityStore store;

	private final AuthAccessors accessors;

	private final PolicyStore policies;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	Identities(IdentityStore store, AuthAccessors accessors, PolicyStore policies, Clock clock) {
		this.store = store;
		this.accessors = accessors;
		this.policies = policies;
		this.clock = clock;
	}

	IdentityStore store() {
		return this.store;
	}

	AuthAccessors accessors() {
		return this.accessors;
	}

	/** The lock every identity change is made under. */
	ReentrantLock lock() {
		return this.lock;
	}

	/**
	 * Creates or updates an entity: by {@code id} when given (it must exist), else by
	 * name (an existing name is updated, as in Vault). Unset fields keep their value.
	 * @return the entity as stored
	 */
	Entity writeEntity(EntityWrite write) {
		this.lock.lock();
		try {
			Entity previous = null;
			if (write.id() != null) {
				previous = this.store.entity(write.id())
					.orElseThrow(() -> VaultException.badRequest("entity not found from ID"));
			}
			else if (write.name() != null && !write.name().isEmpty()) {
				previous = this.store.entityByName(write.name()).orElse(null);
			}
			String now = now();
			String id = (previous != null) ? previous.id() : UUID.randomUUID().toString();
			String name = (write.name() != null && !write.name().isEmpty()) ? write.name()
					: (previous != null) ? previous.name() : "entity_" + id.substring(0, 8);
			Optional<Entity> holder = this.store.entityByName(name);
			if (holder.isPresent() && !holder.get().id().equals(id)) {
				throw VaultException.badRequest("entity name is already in use");
			}
			Entity entity = (previous != null)
					? previous.updated(name, orElse(write.metadata(), previous.metadata()),
							orElse(write.policies(), previous.policies()),
							(write.disabled() != null) ? write.disabled() : previous.disabled(), now)
					: new Entity(id, name, write.metadata(), write.policies(), Boolean.TRUE.equals(write.disabled()),
							now, now);
			List<StorageOp> ops = new ArrayList<>();
			this.store.putEntity(entity, previous, ops);
			this.store.write(ops);
			if (previous != null) {
				this.policies.invalidate();
			}
			return entity;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Deletes an entity with its aliases and its group memberships; an unknown id
	 * succeeds.
	 */
	void deleteEntity(String id) {
		this.lock.lock();
		try {
			Optional<Entity> found = this.store.entity(id);
			if (found.isEmpty()) {
				return;
			}
			List<StorageOp> ops = new ArrayList<>();
			for (EntityAlias alias : this.store.aliasesOf(id)) {
				this.store.deleteAlias(alias, ops);
			}
			String now = now();
			for (Group group : this.store.groups()) {
				if (group.memberEntityIds().contains(id)) {
					List<String> members = new ArrayList<>(group.memberEntityIds());
					members.remove(id);
					this.store.putGroup(group.withMemberEntityIds(members, now), group, ops);
				}
			}
			this.store.deleteEntity(found.get(), ops);
			this.store.write(ops);
			this.policies.invalidate();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Creates or updates an alias ({@code id} given: update). Without a canonical id a
	 * new alias gets a new entity of its own, as in Vault.
	 */
	EntityAlias writeAlias(AliasWrite write) {
		this.lock.lock();
		try {
			EntityAlias previous = null;
			if (write.id() != null) {
				previous = this.store.alias(write.id())
					.orElseThrow(() -> VaultException.badRequest("invalid alias ID provided"));
			}
			String name = (write.name() != null) ? write.name() : (previous != null) ? previous.name() : "";
			if (name.isEmpty()) {
				throw VaultException.badRequest("missing alias name");
			}
			String accessor = (write.mountAccessor() != null) ? write.mountAccessor()
					: (previous != null) ? previous.mountAccessor() : "";
			if (accessor.isEmpty()) {
				throw VaultException.badRequest("missing mount_accessor");
			}
			if (this.accessors.byAccessor(accessor).isEmpty()) {
				throw VaultException.badRequest("invalid mount accessor \"" + accessor + "\"");
			}
			Optional<EntityAlias> holder = this.store.aliasByName(accessor, name);
			String id = (previous != null) ? previous.id() : UUID.randomUUID().toString();
			if (holder.isPresent() && !holder.get().id().equals(id)) {
				throw VaultException.badRequest("combination of mount and alias name is already in use");
			}
			String now = now();
			List<StorageOp> ops = new ArrayList<>();
			String canonicalId = (write.canonicalId() != null) ? write.canonicalId()
					: (previous != null) ? previous.canonicalId() : null;
			if (canonicalId == null) {
				Entity entity = newEntity(now);
				this.store.putEntity(entity, null, ops);
				canonicalId = entity.id();
			}
			else {
				String wanted = canonicalId;
				this.store.entity(wanted)
					.orElseThrow(() -> VaultException.badRequest("invalid canonical ID \"" + wanted + "\""));
				for (EntityAlias other : this.store.aliasesOf(wanted)) {
					if (!other.id().equals(id) && other.mountAccessor().equals(accessor)) {
						throw VaultException.badRequest("alias already exists for requested entity and mount accessor");
					}
				}
			}
			EntityAlias alias = new EntityAlias(id, canonicalId, name, accessor,
					orElse(write.customMetadata(), (previous != null) ? previous.customMetadata() : Map.of()),
					(previous != null) ? previous.creationTime() : now, now);
			this.store.putAlias(alias, previous, ops);
			this.store.write(ops);
			// An entity's aliases fill ACL templates.
			this.policies.invalidate();
			return alias;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Deletes an alias; an unknown id succeeds. */
	void deleteAlias(String id) {
		this.lock.lock();
		try {
			Optional<EntityAlias> found = this.store.alias(id);
			if (found.isPresent()) {
				List<StorageOp> ops = new ArrayList<>();
				this.store.deleteAlias(found.get(), ops);
				this.store.write(ops);
				this.policies.invalidate();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The entity of a login's alias, creating the entity and alias on the first login.
	 * @throws VaultException 403 when the entity is disabled
	 */
	String link(MountEntry mount, String aliasName) {
		Optional<Entity> existing = entityOfAlias(mount.accessor(), aliasName);
		if (existing.isEmpty()) {
			this.lock.lock();
			try {
				existing = entityOfAlias(mount.accessor(), aliasName);
				if (existing.isEmpty()) {
					existing = Optional.of(createForLogin(mount.accessor(), aliasName));
				}
			}
			finally {
				this.lock.unlock();
			}
		}
		if (existing.get().disabled()) {
			throw VaultException.permissionDenied();
		}
		return existing.get().id();
	}

	private Optional<Entity> entityOfAlias(String accessor, String aliasName) {
		return this.store.aliasByName(accessor, aliasName).flatMap((alias) -> this.store.entity(alias.canonicalId()));
	}

	/** A new entity and alias; a stale alias whose entity is gone is replaced. */
	private Entity createForLogin(String accessor, String aliasName) {
		String now = now();
		Entity entity = newEntity(now);
		List<StorageOp> ops = new ArrayList<>();
		this.store.putEntity(entity, null, ops);
		EntityAlias stale = this.store.aliasByName(accessor, aliasName).orElse(null);
		String aliasId = (stale != null) ? stale.id() : UUID.randomUUID().toString();
		this.store.putAlias(new EntityAlias(aliasId, entity.id(), aliasName, accessor, Map.of(), now, now), stale, ops);
		this.store.write(ops);
		return entity;
	}

	private Entity newEntity(String now) {
		String id = UUID.randomUUID().toString();
		String name = "entity_" + id.substring(0, 8);
		while (this.store.entityByName(name).isPresent()) {
			name = "entity_" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits()).substring(0, 8);
		}
		return new Entity(id, name, Map.of(), List.of(), false, now, now);
	}

	String now() {
		return this.clock.instant().toString();
	}

	static <T> T orElse(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	static List<String> distinct(List<String> values) {
		return List.copyOf(new LinkedHashSet<>(values));
	}

	/**
	 * An entity write; null fields are unset.
	 *
	 * @param id the entity to update, or null
	 * @param name the name
	 * @param metadata the metadata
	 * @param policies the policies
	 * @param disabled whether it is disabled
	 */
	record EntityWrite(String id, String name, Map<String, String> metadata, List<String> policies, Boolean disabled) {
	}

	/**
	 * An alias write; null fields are unset.
	 *
	 * @param id the alias to update, or null
	 * @param name the name on the mount
	 * @param mountAccessor the auth mount's accessor
	 * @param canonicalId the entity to attach it to
	 * @param customMetadata the custom metadata
	 */
	record AliasWrite(String id, String name, String mountAccessor, String canonicalId,
			Map<String, String> customMetadata) {
	}

}
