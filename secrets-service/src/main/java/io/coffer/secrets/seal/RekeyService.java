package io.coffer.secrets.seal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.kernel.VaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Vault's rekey: a quorum of the current key shares replaces them with a new key split
 * into new shares. {@code sys/rekey/*} rekeys the Shamir unseal key (the root key is
 * re-protected under the new unseal key); {@code sys/rekey-recovery-key/*} rekeys the
 * recovery key of an auto seal. The root key itself does not change. Attempts live in
 * this node's memory, one per kind, and only the active node serves them.
 */
@Service
public class RekeyService {

	private static final Logger log = LoggerFactory.getLogger(RekeyService.class);

	private final SealService seal;

	private final SecureRandom random;

	private final Attempts unsealKeys = new Attempts();

	private final Attempts recoveryKeys = new Attempts();

	public RekeyService(SealService seal, SecureRandom random) {
		this.seal = seal;
		this.random = random;
	}

	public synchronized RekeyStatus status(boolean recovery) {
		return status(config(recovery), attempts(recovery));
	}

	public synchronized RekeyStatus start(boolean recovery, int shares, int threshold) {
		SealConfig config = config(recovery);
		Attempts attempts = attempts(recovery);
		InitValidation.shares(shares, threshold, recovery ? "recovery" : "seal");
		if (attempts.current != null) {
			throw VaultException.badRequest("rekey already in progress");
		}
		attempts.current = new Attempt(UUID.randomUUID().toString(), shares, threshold);
		log.info("Rekey of the {} keys started ({} of {})", kind(recovery), threshold, shares);
		return status(config, attempts);
	}

	public synchronized void cancel(boolean recovery) {
		config(recovery);
		attempts(recovery).clear();
	}

	/**
	 * Adds a current key share; at the threshold verifies the quorum and, if valid,
	 * replaces the key. A quorum that fails verification resets the progress.
	 */
	public synchronized RekeyAnswer update(boolean recovery, String key, String nonce) {
		SealConfig config = config(recovery);
		Attempts attempts = attempts(recovery);
		if (key == null || key.isEmpty()) {
			throw VaultException.badRequest("'key' must be specified in request body as JSON");
		}
		Attempt attempt = attempts.current;
		if (attempt == null) {
			throw VaultException.badRequest("no rekey in progress");
		}
		if (!attempt.nonce().equals(nonce)) {
			throw VaultException
				.badRequest("incorrect nonce supplied; nonce for this rekey operation is " + attempt.nonce());
		}
		SealConfig.KeyQuorum quorum = config.quorum();
		if (!attempts.progress.add(KeyShares.decode(key, quorum.shares()))) {
			throw VaultException.badRequest("given key has already been provided during this rekey operation");
		}
		if (attempts.progress.count() < quorum.threshold()) {
			return status(config, attempts);
		}
		List<byte[]> shares = attempts.progress.shares();
		byte[] newKey = new byte[AesGcm.KEY_BYTES];
		this.random.nextBytes(newKey);
		try {
			if (recovery) {
				replaceRecoveryKey(shares, config, attempt, newKey);
			}
			else {
				replaceUnsealKey(shares, config, attempt, newKey);
			}
			List<byte[]> split = ShamirKeys.split(newKey, attempt.shares(), attempt.threshold(), this.random);
			RekeyResult result = new RekeyResult(attempt.nonce(), true, split.stream().map(ShamirKeys::hex).toList(),
					split.stream().map(ShamirKeys::base64).toList(), null, false, false);
			split.forEach((share) -> Arrays.fill(share, (byte) 0));
			attempts.clear();
			log.info("Rekey of the {} keys complete: {} new shares, threshold {}", kind(recovery), attempt.shares(),
					attempt.threshold());
			return result;
		}
		finally {
			// Valid or not, a quorum is used once: progress starts again from zero.
			attempts.progress.reset();
			Arrays.fill(newKey, (byte) 0);
		}
	}

	private void replaceUnsealKey(List<byte[]> shares, SealConfig config, Attempt attempt, byte[] newKey) {
		KeyShares.Released released = this.seal.keyShares()
			.releaseRootKey(shares, config)
			.orElseThrow(() -> invalidShares(false));
		try {
			this.seal.store()
				.replace(SealConfig.shamir(attempt.shares(), attempt.threshold()),
						RootKeyProtector.protect(released.rootKey(), newKey, this.random), null);
		}
		finally {
			released.destroy();
		}
	}

	private void replaceRecoveryKey(List<byte[]> shares, SealConfig config, Attempt attempt, byte[] newKey) {
		if (!this.seal.keyShares().verify(shares, config)) {
			throw invalidShares(true);
		}
		SealStore store = this.seal.store();
		store.replace(SealConfig.auto(config.type(), attempt.shares(), attempt.threshold()), store.protectedRootKey(),
				RecoveryKeyCheck.of(newKey, this.random));
	}

	private static VaultException invalidShares(boolean recovery) {
		log.warn("Rekey: the {} key shares are not valid; progress reset", kind(recovery));
		return VaultException
			.badRequest("rekey aborted: the given " + kind(recovery) + " key shares are not valid for this Vault");
	}

	/** The stored config, if this kind of rekey applies to the seal in use. */
	private SealConfig config(boolean recovery) {
		SealConfig config = this.seal.requireActiveConfig();
		if (recovery && !config.quorum().recovery()) {
			throw VaultException.badRequest("recovery rekeying is not supported: this Vault uses the shamir seal");
		}
		if (!recovery && config.quorum().recovery()) {
			throw VaultException.badRequest("rekeying the unseal key is not supported with the " + config.type()
					+ " seal; rekey the recovery keys with sys/rekey-recovery-key");
		}
		return config;
	}

	private Attempts attempts(boolean recovery) {
		return recovery ? this.recoveryKeys : this.unsealKeys;
	}

	private static RekeyStatus status(SealConfig config, Attempts attempts) {
		Attempt attempt = attempts.current;
		return new RekeyStatus((attempt != null) ? attempt.nonce() : "", attempt != null,
				(attempt != null) ? attempt.threshold() : 0, (attempt != null) ? attempt.shares() : 0,
				attempts.progress.count(), config.quorum().threshold(), null, false, false);
	}

	private static String kind(boolean recovery) {
		return recovery ? "recovery" : "unseal";
	}

	/**
	 * @param nonce sent with every key
	 * @param shares the new number of shares
	 * @param threshold the new threshold
	 */
	private record Attempt(String nonce, int shares, int threshold) {
	}

	/** The attempt of one kind of rekey and the shares given towards it. */
	private static final class Attempts {

		private final ShareProgress progress = new ShareProgress();

		private Attempt current;

		void clear() {
			this.progress.reset();
			this.current = null;
		}

	}

}
