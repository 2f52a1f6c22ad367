package io.coffer.secrets.mount;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The secrets mount table and the engines serving it. Only the active node changes the
 * table; the table is re-read whenever this node is unsealed or becomes active (see
 * {@link #reload()}).
 */
@Service
public class MountService {

	/** Paths Vault reserves for its own backends. */
	private static final Set<String> RESERVED = Set.of("sys/", "auth/", "cubbyhole/", "identity/");

	private static final String DATA_PREFIX = "logical/";

	/** Where the table of secrets mounts is stored. */
	static final String TABLE_PATH = "core/mounts";

	private final Barrier barrier;

	private final SecureRandom random;

	private final Map<String, EngineFactory> factories = new HashMap<>();

	private final Map<String, SecretEngine> engines = new ConcurrentHashMap<>();

	private volatile MountTable table;

	public MountService(Barrier barrier, SecureRandom random, List<EngineFactory> factories) {
		this.barrier = barrier;
		this.random = random;
		factories.forEach((factory) -> factory.types().forEach((type) -> this.factories.put(type, factory)));
	}

	/** Re-reads the table from storage and drops every engine built from the old one. */
	public synchronized void reload() {
		this.table = MountTable.load(this.barrier, TABLE_PATH);
		this.engines.clear();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		synchronized (this) {
			this.table = null;
			this.engines.clear();
		}
	}

	public List<MountEntry> mounts() {
		return table().entries();
	}

	public Optional<MountEntry> mount(String path) {
		return table().exact(path);
	}

	/** The mount owning a full request path, with the engine serving it. */
	public Optional<Routed> route(String fullPath) {
		return table().longestPrefix(fullPath)
			.map((mount) -> new Routed(mount, this.engines.computeIfAbsent(mount.uuid(), (id) -> create(mount))));
	}

	public synchronized MountEntry enable(MountRequest request) {
		String path = request.path();
		if (RESERVED.stream().anyMatch((reserved) -> path.startsWith(reserved) || reserved.startsWith(path))) {
			throw VaultException.badRequest("cannot mount at reserved path \"" + path + "\"");
		}
		MountTable current = table();
		current.conflicting(path).ifPresent((existing) -> {
			throw VaultException.badRequest("path is already in use at " + existing.path());
		});
		TypeAndOptions resolved = TypeAndOptions.resolve(request.type(), request.options());
		EngineFactory factory = factory(resolved.type());
		MountEntry entry = new MountEntry(path, resolved.type(),
				(request.description() != null) ? request.description() : "",
				resolved.type() + "_" + HexFormat.of().formatHex(randomBytes(4)), UUID.randomUUID().toString(),
				request.config(), resolved.options());
		factory.validate(entry);
		store(current.with(entry), List.of());
		return entry;
	}

	/**
	 * Removes a mount and every piece of its data; absent mounts are fine (Vault answers
	 * 204).
	 */
	public synchronized void disable(String path) {
		MountTable current = table();
		Optional<MountEntry> entry = current.exact(path);
		if (entry.isEmpty()) {
			return;
		}
		store(current.without(path), this.barrier.deletesUnder(DATA_PREFIX + entry.get().uuid() + "/"));
		this.engines.remove(entry.get().uuid());
	}

	public synchronized MountEntry tune(String path, MountEntry.MountConfig config, Map<String, String> options,
			String description) {
		MountTable current = table();
		MountEntry entry = current.exact(path).orElseThrow(() -> VaultException.badRequest("no mount at " + path));
		MountEntry next = entry.withConfig(config);
		if (description != null) {
			next = next.withDescription(description);
		}
		if (options != null && !options.isEmpty()) {
			Map<String, String> merged = new HashMap<>(entry.options());
			merged.putAll(options);
			next = next.withOptions(merged);
			checkVersionChange(entry, next);
			factory(next.type()).validate(next);
		}
		store(current.with(next), List.of());
		this.engines.remove(entry.uuid());
		return next;
	}

	private void checkVersionChange(MountEntry before, MountEntry after) {
		String was = before.options().getOrDefault("version", "1");
		String now = after.options().getOrDefault("version", "1");
		if (was.equals(now)) {
			return;
		}
		if (!"kv".equals(before.type()) || !"2".equals(now)) {
			throw VaultException.badRequest("cannot change the version of this mount from " + was + " to " + now);
		}
		// An upgrade from 1 to 2 is allowed: the KV engine moves the version 1 data when
		// it is next created.
	}

	private void store(MountTable next, List<StorageOp> alsoDelete) {
		List<StorageOp> ops = new java.util.ArrayList<>(alsoDelete);
		ops.add(new StorageOp.Put(next.path(), next.serialize()));
		this.barrier.write(ops);
		this.table = next;
	}

	private SecretEngine create(MountEntry mount) {
		return factory(mount.type()).create(mount, this.barrier.view(DATA_PREFIX + mount.uuid() + "/"));
	}

	private EngineFactory factory(String type) {
		EngineFactory factory = this.factories.get(type);
		if (factory == null) {
			throw VaultException.badRequest("plugin not found in the catalog: " + type);
		}
		return factory;
	}

	private MountTable table() {
		MountTable current = this.table;
		if (current == null) {
			synchronized (this) {
				if (this.table == null) {
					this.table = MountTable.load(this.barrier, TABLE_PATH);
				}
				current = this.table;
			}
		}
		return current;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * A request path resolved to its mount.
	 *
	 * @param mount the owning mount
	 * @param engine the engine serving it
	 */
	public record Routed(MountEntry mount, SecretEngine engine) {

		public String relative(String fullPath) {
			return fullPath.length() >= this.mount.path().length() ? fullPath.substring(this.mount.path().length())
					: "";
		}

	}

}
