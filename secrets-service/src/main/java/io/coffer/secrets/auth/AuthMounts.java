package io.coffer.secrets.auth;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.coffer.secrets.auth.lockout.UserLockouts;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.MountTable;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.token.TokenBackend;
import io.coffer.secrets.token.TokenIssuer;
import io.coffer.secrets.token.TokenStore;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The auth method table ({@code sys/auth}) and the router for {@code auth/}: the built-in
 * {@code auth/token/} plus every enabled method, each with its data under
 * {@code auth/<uuid>/}. Only the active node changes the table; it is re-read whenever
 * this node becomes active and dropped when it seals.
 */
@Service
public class AuthMounts implements HaListener, SmartInitializingSingleton {

	private static final String DATA_PREFIX = "auth/";

	/**
	 * Where the table of auth mounts is stored. Entry paths are full request prefixes
	 * ({@code auth/approle/}); the built-in token method is not stored.
	 */
	static final String TABLE_PATH = "core/auth";

	private final Barrier barrier;

	private final SecureRandom random;

	private final HaCluster ha;

	private final TokenBackend tokenBackend;

	private final TokenIssuer issuer;

	private final TokenStore tokens;

	private final UserLockouts lockouts;

	private final Map<String, AuthMethodFactory> factories = new HashMap<>();

	private final Map<String, AuthMountEngine> engines = new ConcurrentHashMap<>();

	private volatile MountTable table;

	AuthMounts(Barrier barrier, SecureRandom random, HaCluster ha, TokenBackend tokenBackend, TokenIssuer issuer,
			TokenStore tokens, List<AuthMethodFactory> factories, UserLockouts lockouts) {
		this.barrier = barrier;
		this.random = random;
		this.ha = ha;
		this.tokenBackend = tokenBackend;
		this.issuer = issuer;
		this.tokens = tokens;
		this.lockouts = lockouts;
		factories.forEach((factory) -> this.factories.put(factory.type(), factory));
	}

	/** Whether a full request path is a login path, which needs no token and no ACL. */
	public boolean isLoginPath(String fullPath) {
		if (!fullPath.startsWith("auth/") || this.barrier.isSealed()) {
			return false;
		}
		return table().longestPrefix(fullPath)
			.map((mount) -> engine(mount).isLoginPath(relative(mount, fullPath)))
			.orElse(false);
	}

	/** The mount owning a full {@code auth/...} path, with the engine serving it. */
	public Optional<Routed> route(String fullPath) {
		if (fullPath.startsWith(TokenBackend.MOUNT.path()) || fullPath.equals("auth/token")) {
			return Optional.of(new Routed(TokenBackend.MOUNT, this.tokenBackend));
		}
		return table().longestPrefix(fullPath).map((mount) -> new Routed(mount, engine(mount)));
	}

	/** Every enabled method (full paths), without the built-in token method. */
	public List<MountEntry> mounts() {
		return table().entries();
	}

	public Optional<MountEntry> mount(String fullPath) {
		return table().exact(fullPath);
	}

	synchronized MountEntry enable(String fullPath, String type, String description, MountEntry.MountConfig config) {
		MountTable current = table();
		if (TokenBackend.MOUNT.path().startsWith(fullPath) || fullPath.startsWith(TokenBackend.MOUNT.path())) {
			throw VaultException.badRequest("path is already in use at token/");
		}
		current.conflicting(fullPath).ifPresent((existing) -> {
			throw VaultException.badRequest("path is already in use at " + existing.path().substring(5));
		});
		AuthMethodFactory factory = factory(type);
		MountEntry entry = new MountEntry(fullPath, factory.type(), (description != null) ? description : "",
				"auth_" + factory.type() + "_" + HexFormat.of().formatHex(randomBytes()), UUID.randomUUID().toString(),
				config, Map.of());
		store(current.with(entry), List.of());
		return entry;
	}

	/**
	 * Removes a method, its data and every token it issued; absent paths are fine (Vault
	 * answers 204).
	 */
	synchronized void disable(String fullPath) {
		MountTable current = table();
		Optional<MountEntry> entry = current.exact(fullPath);
		if (entry.isEmpty()) {
			return;
		}
		store(current.without(fullPath), this.barrier.deletesUnder(DATA_PREFIX + entry.get().uuid() + "/"));
		this.engines.remove(entry.get().uuid());
		this.lockouts.forget(entry.get().accessor());
		this.tokens.revokeCreatedUnder(fullPath);
	}

	synchronized MountEntry tune(String fullPath, MountEntry.MountConfig config, String description) {
		MountTable current = table();
		MountEntry entry = current.exact(fullPath)
			.orElseThrow(() -> VaultException.badRequest("no auth mount at " + fullPath));
		MountEntry next = entry.withConfig(config);
		if (description != null) {
			next = next.withDescription(description);
		}
		store(current.with(next), List.of());
		this.engines.remove(entry.uuid());
		return next;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public synchronized void becameActive() {
		this.table = null;
		this.engines.clear();
	}

	@Override
	public void becameStandby() {
		becameActive();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		becameActive();
	}

	private AuthMountEngine engine(MountEntry mount) {
		return this.engines.computeIfAbsent(mount.uuid(),
				(id) -> new AuthMountEngine(
						factory(mount.type()).create(mount, this.barrier.view(DATA_PREFIX + mount.uuid() + "/")),
						this.issuer, mount, this.lockouts));
	}

	private AuthMethodFactory factory(String type) {
		AuthMethodFactory factory = (type != null) ? this.factories.get(type) : null;
		if (factory == null) {
			throw VaultException.badRequest("plugin not found in the catalog: " + type);
		}
		return factory;
	}

	private void store(MountTable next, List<StorageOp> alsoDelete) {
		List<StorageOp> ops = new ArrayList<>(alsoDelete);
		ops.add(new StorageOp.Put(next.path(), next.serialize()));
		this.barrier.write(ops);
		this.table = next;
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

	private byte[] randomBytes() {
		byte[] bytes = new byte[4];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static String relative(MountEntry mount, String fullPath) {
		return (fullPath.length() >= mount.path().length()) ? fullPath.substring(mount.path().length()) : "";
	}

	/**
	 * A request path resolved to its auth mount.
	 *
	 * @param mount the owning mount (path {@code auth/<path>/})
	 * @param engine the engine serving it
	 */
	public record Routed(MountEntry mount, SecretEngine engine) {
	}

}
