package io.coffer.secrets.barrier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.secrets.storage.RequestWrites;
import io.coffer.secrets.storage.Storage;
import io.coffer.secrets.storage.StorageOp;
import io.coffer.secrets.support.VaultSummaries;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The security barrier: everything an engine or the core stores passes through here and
 * is encrypted with AES-256-GCM under the keyring's active term, with the storage key as
 * associated data. Stored form:
 * {@code term (4 bytes) || version (1) || nonce (12) || ciphertext || tag}. The keyring
 * itself is stored at {@link #KEYRING_PATH}, encrypted under the root key that the seal
 * releases.
 * <p>
 * The keyring is an immutable snapshot swapped atomically (unseal, reload, rotate, seal);
 * every encryption and decryption holds a reference to the snapshot it started with, so a
 * swap never zeroes or half-replaces a key an operation is using (see
 * {@link Keyring#acquire()}).
 * <p>
 * Timed as Vault's barrier, summaries in milliseconds: {@code vault.barrier.get},
 * {@code vault.barrier.list}, {@code vault.barrier.put} and {@code vault.barrier.delete}
 * (a batch written atomically is one {@code put}, or one {@code delete} when it only
 * deletes).
 */
public class Barrier {

	public static final String KEYRING_PATH = "core/keyring";

	/**
	 * Prefix of the associated data of {@link #sealDetached detached} values; a NUL byte
	 * cannot occur in a storage key.
	 */
	static final String DETACHED_AAD_PREFIX = "detached\u0000";

	static final byte VERSION = 1;

	static final int HEADER_BYTES = 5;

	private final Storage storage;

	private final SecureRandom random;

	private final Clock clock;

	private final AtomicLong encryptions = new AtomicLong();

	private volatile byte[] rootKey;

	private volatile Keyring keyring;

	private final DistributionSummary getTime;

	private final DistributionSummary listTime;

	private final DistributionSummary putTime;

	private final DistributionSummary deleteTime;

	/** A barrier without metrics (a registry that keeps nothing). */
	public Barrier(Storage storage, SecureRandom random, Clock clock) {
		this(storage, random, clock, new CompositeMeterRegistry());
	}

	public Barrier(Storage storage, SecureRandom random, Clock clock, MeterRegistry registry) {
		this.storage = RequestWrites.tracked(storage);
		this.random = random;
		this.clock = clock;
		this.getTime = VaultSummaries.milliseconds(registry, "vault.barrier.get", "Barrier reads");
		this.listTime = VaultSummaries.milliseconds(registry, "vault.barrier.list", "Barrier listings");
		this.putTime = VaultSummaries.milliseconds(registry, "vault.barrier.put", "Barrier writes");
		this.deleteTime = VaultSummaries.milliseconds(registry, "vault.barrier.delete", "Barrier deletions");
	}

	/** Whether a keyring exists in storage, i.e. the barrier was initialized. */
	public boolean isInitialized() {
		return this.storage.get(KEYRING_PATH).isPresent();
	}

	public boolean isSealed() {
		return this.keyring == null;
	}

	/**
	 * Creates the first keyring under {@code rootKey} and leaves the barrier sealed. The
	 * storage log is authenticated from here on (the log key derives from the root key),
	 * so the keyring entry itself is already signed.
	 */
	public void initialize(byte[] rootKey) {
		this.storage.authenticateNewLog(LogKey.derive(rootKey));
		byte[] dataKey = newKey();
		Keyring first = Keyring.first(dataKey, this.clock.instant());
		try {
			this.storage.put(KEYRING_PATH, sealKeyring(first, rootKey));
		}
		finally {
			first.retire();
		}
	}

	/**
	 * Opens the barrier with the root key.
	 * @throws BarrierException if the root key does not open the stored keyring
	 */
	public synchronized void unseal(byte[] rootKey) {
		byte[] stored = this.storage.get(KEYRING_PATH)
			.orElseThrow(() -> new BarrierException("barrier not initialized"));
		Keyring loaded = Keyring.deserialize(AesGcm.decrypt(rootKey, stored, aad(KEYRING_PATH)));
		authenticateLog(rootKey);
		byte[] oldRoot = this.rootKey;
		this.rootKey = rootKey.clone();
		swap(loaded);
		if (oldRoot != null) {
			Arrays.fill(oldRoot, (byte) 0);
		}
	}

	/**
	 * Re-reads the keyring (a new active node may hold an older copy than the one in
	 * storage).
	 */
	public synchronized void reload() {
		byte[] key = this.rootKey;
		if (key == null) {
			return;
		}
		byte[] stored = this.storage.get(KEYRING_PATH)
			.orElseThrow(() -> new BarrierException("barrier not initialized"));
		swap(Keyring.deserialize(AesGcm.decrypt(key, stored, aad(KEYRING_PATH))));
	}

	/**
	 * Whether {@code storedKeyring} (a keyring as stored, e.g. in a snapshot) opens with
	 * this barrier's root key, i.e. was written by this cluster.
	 * @throws SealedException when the barrier is sealed
	 */
	public boolean opensKeyring(byte[] storedKeyring) {
		try (SnapshotKeys keys = openSnapshotKeys(storedKeyring)) {
			return true;
		}
		catch (BarrierException ex) {
			return false;
		}
	}

	/**
	 * Whether the keyring now in storage opens with the root key this barrier holds:
	 * false when sealed, or once another cluster's state was restored underneath it.
	 */
	public boolean opensStoredKeyring() {
		Optional<byte[]> stored = this.storage.get(KEYRING_PATH);
		return stored.isPresent() && this.rootKey != null && opensKeyring(stored.get());
	}

	/**
	 * Opens {@code storedKeyring} (a keyring as stored, e.g. in a snapshot) with this
	 * barrier's root key, to check the entries written under it.
	 * @throws SealedException when the barrier is sealed
	 * @throws BarrierException when it does not open (another cluster's, or damaged)
	 */
	public SnapshotKeys openSnapshotKeys(byte[] storedKeyring) {
		byte[] key = this.rootKey;
		if (key == null) {
			throw new SealedException();
		}
		byte[] plain;
		try {
			plain = AesGcm.decrypt(key, storedKeyring, aad(KEYRING_PATH));
		}
		catch (RuntimeException ex) {
			throw new BarrierException("the keyring does not open with this cluster's root key");
		}
		try {
			return new SnapshotKeys(Keyring.deserialize(plain));
		}
		catch (RuntimeException ex) {
			throw new BarrierException("the keyring is damaged");
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	/**
	 * A barrier over {@code snapshot} (a snapshot's pairs, e.g. loaded for single-item
	 * recovery), opened with the snapshot's own keyring, which must open with this
	 * barrier's root key. Its views decrypt the snapshot's entries exactly as live ones;
	 * writes fail in {@code snapshot}. {@link #seal()} it when done to drop its keys.
	 * @throws SealedException when this barrier is sealed
	 * @throws BarrierException when the snapshot holds no keyring or its keyring does not
	 * open with this cluster's root key
	 */
	public Barrier openSnapshot(Storage snapshot) {
		byte[] key = this.rootKey;
		if (key == null) {
			throw new SealedException();
		}
		if (snapshot.get(KEYRING_PATH).isEmpty()) {
			throw new BarrierException("the snapshot holds no keyring");
		}
		Barrier opened = new Barrier(snapshot, this.random, this.clock);
		try {
			opened.unseal(key);
		}
		catch (RuntimeException ex) {
			throw new BarrierException("the snapshot's keyring does not open with this cluster's root key");
		}
		return opened;
	}

	/**
	 * Gives storage the log key derived from {@code rootKey} (see {@link LogKey}), e.g.
	 * for a seal migration that writes before the barrier opens.
	 */
	public void authenticateLog(byte[] rootKey) {
		this.storage.authenticateLog(LogKey.derive(rootKey));
	}

	/** Drops and overwrites every key held in memory, the log key included. */
	public synchronized void seal() {
		this.storage.authenticateLog(null);
		byte[] key = this.rootKey;
		swap(null);
		this.rootKey = null;
		if (key != null) {
			Arrays.fill(key, (byte) 0);
		}
	}

	/** Adds a new keyring term; new writes use it, older terms still decrypt. */
	public synchronized KeyStatus rotate() {
		Keyring current = requireUnsealed();
		Keyring next = current.rotate(newKey(), this.clock.instant());
		try {
			this.storage.put(KEYRING_PATH, sealKeyring(next, this.rootKey));
		}
		catch (RuntimeException ex) {
			next.retire();
			throw ex;
		}
		swap(next);
		this.encryptions.set(0);
		return keyStatus();
	}

	public KeyStatus keyStatus() {
		Keyring.Term active = requireUnsealed().active();
		return new KeyStatus(active.term(), active.installTime(), this.encryptions.get());
	}

	public Optional<byte[]> get(String key) {
		long start = System.nanoTime();
		try {
			requireUnsealed();
			return this.storage.get(key).map((stored) -> decrypt(key, aad(key), stored));
		}
		finally {
			VaultSummaries.recordSince(this.getTime, start);
		}
	}

	public List<String> list(String prefix) {
		long start = System.nanoTime();
		try {
			requireUnsealed();
			return this.storage.list(prefix);
		}
		finally {
			VaultSummaries.recordSince(this.listTime, start);
		}
	}

	public void put(String key, byte[] value) {
		write(List.of(new StorageOp.Put(key, value)));
	}

	public void delete(String key) {
		write(List.of(new StorageOp.Delete(key)));
	}

	/** Encrypts every put of the batch and writes the batch atomically. */
	public void write(List<StorageOp> batch) {
		long start = System.nanoTime();
		try {
			encryptAndWrite(batch);
		}
		finally {
			boolean onlyDeletes = batch.stream().allMatch(StorageOp.Delete.class::isInstance);
			VaultSummaries.recordSince(onlyDeletes ? this.deleteTime : this.putTime, start);
		}
	}

	private void encryptAndWrite(List<StorageOp> batch) {
		requireUnsealed();
		List<StorageOp> encrypted = new ArrayList<>(batch.size());
		for (StorageOp op : batch) {
			encrypted.add(switch (op) {
				case StorageOp.Put put -> new StorageOp.Put(put.key(), encrypt(aad(put.key()), put.value()));
				case StorageOp.Delete delete -> delete;
			});
		}
		this.storage.write(encrypted);
	}

	/**
	 * Delete operations for every key below {@code prefix}, to write atomically with
	 * whatever else changes.
	 */
	public List<StorageOp> deletesUnder(String prefix) {
		List<StorageOp> deletes = new ArrayList<>();
		for (String entry : list(prefix)) {
			if (entry.endsWith("/")) {
				deletes.addAll(deletesUnder(prefix + entry));
			}
			else {
				deletes.add(new StorageOp.Delete(prefix + entry));
			}
		}
		return deletes;
	}

	/**
	 * Seals a value that is kept outside storage (e.g. the revocation data of a lease,
	 * which lease-service holds and sends back): the same form as a stored entry, under
	 * the active term, bound to {@code context} (e.g. the lease id) as associated data,
	 * so it opens only for that context. The associated data is
	 * {@link #DETACHED_AAD_PREFIX} + context, so a detached value never opens as a
	 * storage entry or the other way round. Values sealed under an older term still open
	 * after a rotation.
	 */
	public byte[] sealDetached(String context, byte[] plaintext) {
		requireUnsealed();
		return encrypt(detachedAad(context), plaintext);
	}

	/**
	 * Opens what {@link #sealDetached} sealed for the same {@code context}.
	 * @throws BarrierException when it was sealed for another context, tampered with, or
	 * sealed by another cluster
	 */
	public byte[] openDetached(String context, byte[] sealed) {
		return decrypt("a detached value", detachedAad(context), sealed);
	}

	public BarrierView view(String prefix) {
		return new BarrierView(this, prefix);
	}

	/** Installs {@code next} (null: sealed) and retires the keyring it replaces. */
	private synchronized void swap(Keyring next) {
		Keyring old = this.keyring;
		this.keyring = next;
		if (old != null && old != next) {
			old.retire();
		}
	}

	/** The current keyring, referenced until {@link Keyring#release()}. */
	private Keyring lease() {
		while (true) {
			Keyring current = requireUnsealed();
			if (current.acquire()) {
				return current;
			}
			// replaced and destroyed since the read: the field already holds its
			// successor
			Thread.onSpinWait();
		}
	}

	private byte[] encrypt(byte[] aad, byte[] plaintext) {
		Keyring keys = lease();
		try {
			Keyring.Term term = keys.active();
			byte[] sealed = AesGcm.encrypt(term.key(), plaintext, aad, this.random);
			this.encryptions.incrementAndGet();
			return ByteBuffer.allocate(HEADER_BYTES + sealed.length)
				.putInt(term.term())
				.put(VERSION)
				.put(sealed)
				.array();
		}
		finally {
			keys.release();
		}
	}

	/**
	 * @param key what the value is, for messages (a storage key, never a value)
	 */
	private byte[] decrypt(String key, byte[] aad, byte[] stored) {
		if (stored.length < HEADER_BYTES || stored[4] != VERSION) {
			throw new BarrierException("unsupported barrier entry at " + key);
		}
		int termNumber = ByteBuffer.wrap(stored, 0, 4).getInt();
		Keyring keys = lease();
		if (keys.term(termNumber) == null) {
			// written under a term rotated in on another node
			keys.release();
			reload();
			keys = lease();
		}
		try {
			Keyring.Term term = keys.term(termNumber);
			if (term == null) {
				throw new BarrierException("unknown key term " + termNumber + " at " + key);
			}
			return decryptWith(term, key, aad, stored);
		}
		finally {
			keys.release();
		}
	}

	static byte[] decryptWith(Keyring.Term term, String key, byte[] aad, byte[] stored) {
		try {
			return AesGcm.decrypt(term.key(), Arrays.copyOfRange(stored, HEADER_BYTES, stored.length), aad);
		}
		catch (BarrierException ex) {
			throw new BarrierException("integrity check failed for " + key);
		}
	}

	private byte[] sealKeyring(Keyring keyring, byte[] rootKey) {
		byte[] plain = keyring.serialize();
		try {
			return AesGcm.encrypt(rootKey, plain, aad(KEYRING_PATH), this.random);
		}
		finally {
			Arrays.fill(plain, (byte) 0);
		}
	}

	private Keyring requireUnsealed() {
		Keyring current = this.keyring;
		if (current == null) {
			throw new SealedException();
		}
		return current;
	}

	private byte[] newKey() {
		byte[] key = new byte[AesGcm.KEY_BYTES];
		this.random.nextBytes(key);
		return key;
	}

	static byte[] aad(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] detachedAad(String context) {
		return (DETACHED_AAD_PREFIX + context).getBytes(StandardCharsets.UTF_8);
	}

}
