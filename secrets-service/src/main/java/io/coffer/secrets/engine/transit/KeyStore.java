package io.coffer.secrets.engine.transit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.kernel.VaultException;

/**
 * The named keys of one mount, each one JSON record at {@code policy/<name>} in the
 * mount's barrier view (already encrypted by the barrier). A record holds the key's
 * settings and every version, so one put changes both atomically.
 *
 * <p>
 * Changes are serialized by one lock per mount and re-read the record inside it; reads
 * take no lock. Automatic rotation is lazy: a key whose latest version is older than its
 * {@code auto_rotate_period} is rotated when it is next loaded for use, so no background
 * thread is needed and a key nobody uses does not grow versions.
 */
final class KeyStore {

	private static final String PREFIX = "policy/";

	private final BarrierView view;

	private final TransitJson json;

	private final KeyMaterial material;

	private final Clock clock;

	private final ReentrantLock writeLock = new ReentrantLock();

	KeyStore(BarrierView view, KeyMaterial material, Clock clock) {
		this.view = view;
		this.json = new TransitJson();
		this.material = material;
		this.clock = clock;
	}

	/** The outcome of a create: the key, and whether this call made it. */
	record Created(KeyPolicy policy, boolean created) {
	}

	boolean exists(String name) {
		return this.view.get(PREFIX + name).map((bytes) -> {
			Bytes.wipe(bytes);
			return true;
		}).orElse(false);
	}

	/** The key as stored, without automatic rotation. */
	Optional<KeyPolicy> find(String name) {
		return this.view.get(PREFIX + name).map((bytes) -> {
			try {
				return this.json.read(bytes);
			}
			finally {
				Bytes.wipe(bytes);
			}
		});
	}

	/** The key for an operation, rotated first if its auto-rotate period has passed. */
	Optional<KeyPolicy> findForUse(String name) {
		Optional<KeyPolicy> found = find(name);
		if (found.isEmpty() || !rotationDue(found.get())) {
			return found;
		}
		found.get().close();
		return Optional.of(change(name, TransitErrors.ENCRYPTION_KEY_NOT_FOUND,
				(current) -> rotationDue(current) ? rotated(current) : current));
	}

	List<String> names() {
		return this.view.list(PREFIX).stream().filter((entry) -> !entry.endsWith("/")).toList();
	}

	Created create(String name, KeyCreation creation) {
		this.writeLock.lock();
		try {
			Optional<KeyPolicy> existing = find(name);
			if (existing.isPresent()) {
				return new Created(existing.get(), false);
			}
			KeyPolicy empty = new KeyPolicy(name, creation.type(), KeyConfig.of(creation), 0, Map.of());
			KeyPolicy policy = rotated(empty);
			save(policy);
			return new Created(policy, true);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * @throws VaultException 400 {@code key not found}
	 */
	KeyPolicy rotate(String name) {
		return change(name, "key not found", this::rotated);
	}

	/**
	 * Applies {@code update} to the stored key under the lock and stores the result.
	 * @throws VaultException 400 {@code notFound} when the key does not exist
	 */
	KeyPolicy change(String name, String notFound, UnaryOperator<KeyPolicy> update) {
		this.writeLock.lock();
		try {
			KeyPolicy current = find(name).orElseThrow(() -> VaultException.badRequest(notFound));
			KeyPolicy next = update.apply(current);
			if (next != current) {
				save(next);
			}
			return next;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * @throws VaultException 400 when the key is missing or its deletion is not allowed
	 */
	void delete(String name) {
		this.writeLock.lock();
		try {
			try (KeyPolicy policy = find(name)
				.orElseThrow(() -> deleteError(name, "could not delete key; not found"))) {
				if (!policy.config().deletionAllowed()) {
					throw deleteError(name, "deletion is not allowed for this policy");
				}
			}
			this.view.delete(PREFIX + name);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private KeyPolicy rotated(KeyPolicy policy) {
		KeyVersion next = this.material.newVersion(policy.type(), policy.config().keySize(), this.clock.instant());
		return policy.withNewVersion(next);
	}

	private boolean rotationDue(KeyPolicy policy) {
		long period = policy.config().autoRotateSeconds();
		if (period <= 0 || policy.latestVersion() == 0) {
			return false;
		}
		Duration age = Duration.between(policy.latest().created(), this.clock.instant());
		return age.getSeconds() >= period;
	}

	private void save(KeyPolicy policy) {
		byte[] bytes = this.json.write(policy);
		try {
			this.view.put(PREFIX + policy.name(), bytes);
		}
		finally {
			Bytes.wipe(bytes);
		}
	}

	private static VaultException deleteError(String name, String reason) {
		return VaultException.badRequest("error deleting policy " + name + ": " + reason);
	}

}
