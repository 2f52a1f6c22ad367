package io.coffer.secrets.auth;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.coffer.secrets.auth.lockout.UserLockouts;
import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.mount.StoredMounts;
import io.coffer.secrets.router.MountSource;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.HaListener;
import io.coffer.secrets.token.TokenBackend;
import io.coffer.secrets.token.TokenIssuer;
import io.coffer.secrets.token.TokenStore;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The auth method table ({@code sys/auth}): every enabled method, each with its data
 * under {@code auth/<uuid>/}, contributed to the {@link io.coffer.secrets.router.Router}
 * (the built-in {@code auth/token/} is not stored here). Only the active node changes the
 * table; it is re-read whenever this node becomes active and dropped when it seals.
 */
@Service
public class AuthMounts implements MountSource, HaListener, SmartInitializingSingleton {

	private static final String DATA_PREFIX = "auth/";

	/**
	 * Where the table of auth mounts is stored. Entry paths are full request prefixes
	 * ({@code auth/approle/}); the built-in token method is not stored.
	 */
	static final String TABLE_PATH = "core/auth";

	private final SecureRandom random;

	private final HaCluster ha;

	private final TokenStore tokens;

	private final UserLockouts lockouts;

	private final Map<String, AuthMethodFactory> factories = new HashMap<>();

	private final StoredMounts<AuthMountEngine> stored;

	AuthMounts(Barrier barrier, SecureRandom random, HaCluster ha, TokenIssuer issuer, TokenStore tokens,
			List<AuthMethodFactory> factories, UserLockouts lockouts) {
		this.random = random;
		this.ha = ha;
		this.tokens = tokens;
		this.lockouts = lockouts;
		factories.forEach((factory) -> this.factories.put(factory.type(), factory));
		this.stored = new StoredMounts<>(barrier, TABLE_PATH, DATA_PREFIX, (mount,
				view) -> new AuthMountEngine(factory(mount.type()).create(mount, view), issuer, mount, lockouts));
	}

	/** Every enabled method (full paths), without the built-in token method. */
	@Override
	public List<MountEntry> mounts() {
		return this.stored.entries();
	}

	@Override
	public SecretEngine engine(MountEntry mount) {
		return this.stored.engine(mount);
	}

	public Optional<MountEntry> mount(String fullPath) {
		return this.stored.exact(fullPath);
	}

	synchronized MountEntry enable(String fullPath, String type, String description, MountEntry.MountConfig config) {
		if (TokenBackend.MOUNT.path().startsWith(fullPath) || fullPath.startsWith(TokenBackend.MOUNT.path())) {
			throw VaultException.badRequest("path is already in use at token/");
		}
		this.stored.table().conflicting(fullPath).ifPresent((existing) -> {
			throw VaultException.badRequest("path is already in use at " + existing.path().substring(5));
		});
		AuthMethodFactory factory = factory(type);
		MountEntry entry = new MountEntry(fullPath, factory.type(), (description != null) ? description : "",
				"auth_" + factory.type() + "_" + HexFormat.of().formatHex(randomBytes()), UUID.randomUUID().toString(),
				config, Map.of());
		this.stored.put(entry);
		return entry;
	}

	/**
	 * Removes a method, its data and every token it issued; absent paths are fine (Vault
	 * answers 204).
	 */
	synchronized void disable(String fullPath) {
		Optional<MountEntry> entry = this.stored.exact(fullPath);
		if (entry.isEmpty()) {
			return;
		}
		this.stored.remove(entry.get());
		this.lockouts.forget(entry.get().accessor());
		this.tokens.revokeCreatedUnder(fullPath);
	}

	synchronized MountEntry tune(String fullPath, MountEntry.MountConfig config, String description) {
		MountEntry entry = this.stored.exact(fullPath)
			.orElseThrow(() -> VaultException.badRequest("no auth mount at " + fullPath));
		MountEntry next = entry.withConfig(config);
		if (description != null) {
			next = next.withDescription(description);
		}
		this.stored.put(next);
		return next;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.ha.addListener(this);
	}

	@Override
	public void becameActive() {
		this.stored.drop();
	}

	@Override
	public void becameStandby() {
		this.stored.drop();
	}

	@EventListener
	void onSealEvent(SealEvent event) {
		this.stored.drop();
	}

	private AuthMethodFactory factory(String type) {
		AuthMethodFactory factory = (type != null) ? this.factories.get(type) : null;
		if (factory == null) {
			throw VaultException.badRequest("plugin not found in the catalog: " + type);
		}
		return factory;
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[4];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
