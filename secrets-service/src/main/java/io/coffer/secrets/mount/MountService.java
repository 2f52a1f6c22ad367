package io.coffer.secrets.mount;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.lease.MountLeases;
import io.coffer.secrets.router.MountSource;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The secrets mount table ({@code sys/mounts}) and the engines serving it, contributed to
 * the {@link io.coffer.secrets.router.Router}. Only the active node changes the table;
 * the table is re-read whenever this node is unsealed or becomes active (see
 * {@link #reload()}).
 */
@Service
public class MountService implements MountSource {

	/** Paths Vault reserves for its own backends. */
	private static final Set<String> RESERVED = Set.of("sys/", "auth/", "cubbyhole/", "identity/");

	/** The barrier prefix of each secrets mount's data: {@code logical/<uuid>/}. */
	public static final String DATA_PREFIX = "logical/";

	/** Where the table of secrets mounts is stored. */
	static final String TABLE_PATH = "core/mounts";

	private final SecureRandom random;

	private final Map<String, EngineFactory> factories = new HashMap<>();

	private final StoredMounts<SecretEngine> stored;

	private final MountLeases leases;

	public MountService(Barrier barrier, SecureRandom random, List<EngineFactory> factories, MountLeases leases) {
		this.random = random;
		this.leases = leases;
		factories.forEach((factory) -> factory.types().forEach((type) -> this.factories.put(type, factory)));
		this.stored = new StoredMounts<>(barrier, TABLE_PATH, DATA_PREFIX,
				(mount, view) -> factory(mount.type()).create(mount, view));
	}

	/** Re-reads the table from storage and drops every engine built from the old one. */
	public void reload() {
		this.stored.reload();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.stored.drop();
	}

	@Override
	public List<MountEntry> mounts() {
		return this.stored.entries();
	}

	@Override
	public SecretEngine engine(MountEntry mount) {
		return this.stored.engine(mount);
	}

	public Optional<MountEntry> mount(String path) {
		return this.stored.exact(path);
	}

	/** The secrets mount owning a full request path, if any. */
	public Optional<MountEntry> owning(String fullPath) {
		return this.stored.table().longestPrefix(fullPath);
	}

	public synchronized MountEntry enable(MountRequest request) {
		String path = request.path();
		if (RESERVED.stream().anyMatch((reserved) -> path.startsWith(reserved) || reserved.startsWith(path))) {
			throw VaultException.badRequest("cannot mount at reserved path \"" + path + "\"");
		}
		this.stored.table().conflicting(path).ifPresent((existing) -> {
			throw VaultException.badRequest("path is already in use at " + existing.path());
		});
		TypeAndOptions resolved = TypeAndOptions.resolve(request.type(), request.options());
		EngineFactory factory = factory(resolved.type());
		MountEntry entry = new MountEntry(path, resolved.type(),
				(request.description() != null) ? request.description() : "",
				resolved.type() + "_" + HexFormat.of().formatHex(randomBytes(4)), UUID.randomUUID().toString(),
				request.config(), resolved.options());
		factory.validate(entry);
		this.stored.put(entry);
		return entry;
	}

	/**
	 * Removes a mount and every piece of its data; absent mounts are fine (Vault answers
	 * 204). As Vault, every lease of the mount is revoked first (lease-service calls this
	 * node back for each while it waits, so no lock is held then); when some cannot be,
	 * the mount stays and the error is the client's ({@link MountLeases}).
	 */
	public void disable(String path) {
		Optional<MountEntry> mount = this.stored.exact(path);
		if (mount.isEmpty()) {
			return;
		}
		String accessor = mount.get().accessor();
		this.leases.revokeThenRemove(mount.get(), () -> {
			synchronized (this) {
				// unless it was disabled (and maybe enabled anew) meanwhile
				this.stored.exact(path)
					.filter((current) -> current.accessor().equals(accessor))
					.ifPresent(this.stored::remove);
			}
		});
	}

	public synchronized MountEntry tune(String path, MountEntry.MountConfig config, Map<String, String> options,
			String description) {
		MountEntry entry = this.stored.exact(path).orElseThrow(() -> VaultException.badRequest("no mount at " + path));
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
		this.stored.put(next);
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

	private EngineFactory factory(String type) {
		EngineFactory factory = this.factories.get(type);
		if (factory == null) {
			throw VaultException.badRequest("plugin not found in the catalog: " + type);
		}
		return factory;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
