package io.coffer.secrets.auth.lockout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.StorageOp;

import org.springframework.stereotype.Component;

/**
 * Vault's user lockout (1.13+): failed logins per user and mount are counted in storage,
 * so the count and the lock are replicated and survive a failover; a locked user is
 * refused before the credentials are even checked.
 * <p>
 * Storage (behind the barrier): {@code core/login/lockout-config/<mount accessor>} and
 * {@code core/login/failed-users/<mount accessor>/<base64url(alias)>}.
 */
@Component
public class UserLockouts {

	static final String CONFIG_PREFIX = "core/login/lockout-config/";

	static final String USERS_PREFIX = "core/login/failed-users/";

	private final Barrier barrier;

	private final Clock clock;

	public UserLockouts(Barrier barrier, Clock clock) {
		this.barrier = barrier;
		this.clock = clock;
	}

	/** The mount's settings: tuned, else Vault's defaults. */
	public LockoutConfig config(String accessor) {
		return tuned(accessor).orElse(LockoutConfig.DEFAULTS);
	}

	/** The mount's tuned settings, if any were set. */
	public Optional<LockoutConfig> tuned(String accessor) {
		return this.barrier.get(CONFIG_PREFIX + accessor).map((bytes) -> Json.read(bytes, LockoutConfig.class));
	}

	public void configure(String accessor, LockoutConfig config) {
		this.barrier.put(CONFIG_PREFIX + accessor, Json.write(config));
	}

	/**
	 * @throws VaultException 403 {@code permission denied} while the user is locked, as
	 * Vault answers (whatever the password)
	 */
	public void requireUnlocked(String accessor, String alias) {
		LockoutConfig config = config(accessor);
		if (config.disabled()) {
			return;
		}
		Optional<FailedLogins> failed = failed(accessor, alias);
		if (failed.isPresent() && failed.get().lockedAt(now(), config)) {
			throw VaultException.permissionDenied();
		}
	}

	/** Counts a failed login (bad credentials); locks the user at the threshold. */
	public synchronized void failedLogin(String accessor, String alias) {
		LockoutConfig config = config(accessor);
		if (config.disabled()) {
			return;
		}
		FailedLogins previous = failed(accessor, alias).orElse(new FailedLogins(0, 0, false));
		this.barrier.put(key(accessor, alias), Json.write(previous.failedAgain(now(), config)));
	}

	/** A successful login clears the user's count. */
	public synchronized void succeededLogin(String accessor, String alias) {
		if (failed(accessor, alias).isPresent()) {
			this.barrier.delete(key(accessor, alias));
		}
	}

	/**
	 * Unlocks the user and clears their count (nothing to do when not locked, as Vault).
	 */
	public synchronized void unlock(String accessor, String alias) {
		if (failed(accessor, alias).isPresent()) {
			this.barrier.delete(key(accessor, alias));
		}
	}

	/** Locked users by mount accessor (only mounts with locked users). */
	public Map<String, List<String>> locked(List<String> accessors) {
		Map<String, List<String>> out = new LinkedHashMap<>();
		for (String accessor : accessors) {
			List<String> aliases = lockedAliases(accessor);
			if (!aliases.isEmpty()) {
				out.put(accessor, aliases);
			}
		}
		return out;
	}

	/** Drops a disabled mount's settings and counts. */
	public void forget(String accessor) {
		List<StorageOp> deletes = new ArrayList<>(this.barrier.deletesUnder(USERS_PREFIX + accessor + "/"));
		deletes.add(new StorageOp.Delete(CONFIG_PREFIX + accessor));
		this.barrier.write(deletes);
	}

	private List<String> lockedAliases(String accessor) {
		LockoutConfig config = config(accessor);
		long now = now();
		List<String> out = new ArrayList<>();
		for (String encoded : this.barrier.list(USERS_PREFIX + accessor + "/")) {
			String alias = decode(encoded);
			if (failed(accessor, alias).filter((f) -> f.lockedAt(now, config)).isPresent()) {
				out.add(alias);
			}
		}
		out.sort(null);
		return out;
	}

	private Optional<FailedLogins> failed(String accessor, String alias) {
		return this.barrier.get(key(accessor, alias)).map((bytes) -> Json.read(bytes, FailedLogins.class));
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private static String key(String accessor, String alias) {
		return USERS_PREFIX + accessor + "/"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(alias.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String encoded) {
		return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

}
