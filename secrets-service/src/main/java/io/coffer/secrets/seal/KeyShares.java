package io.coffer.secrets.seal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.coffer.secrets.barrier.AesGcm;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.kernel.VaultException;

/**
 * Turns a quorum of key shares back into what they protect, checked against storage:
 * unseal key shares must release the stored root key, recovery key shares must match the
 * stored recovery key check.
 */
final class KeyShares {

	private final SealStore store;

	KeyShares(SealStore store) {
		this.store = store;
	}

	/**
	 * Decodes one share given over HTTP (hex or base64) for a key split in
	 * {@code shares}.
	 */
	static byte[] decode(String key, int shares) {
		int length = (shares == 1) ? AesGcm.KEY_BYTES : AesGcm.KEY_BYTES + 1;
		return ShamirKeys.decode(key, length)
			.orElseThrow(() -> VaultException.badRequest("'key' must be a valid hex or base64 string"));
	}

	/**
	 * Joins unseal key shares and releases the root key with them.
	 * @return the unseal key and root key (the caller zeroes them); empty when the shares
	 * do not open the stored root key
	 */
	Optional<Released> releaseRootKey(List<byte[]> shares, SealConfig config) {
		byte[] unsealKey = null;
		try {
			unsealKey = ShamirKeys.combine(shares, config.secretShares(), config.secretThreshold());
			byte[] rootKey = RootKeyProtector.release(this.store.protectedRootKey(), unsealKey);
			return Optional.of(new Released(unsealKey, rootKey));
		}
		catch (BarrierException | IllegalArgumentException ex) {
			if (unsealKey != null) {
				Arrays.fill(unsealKey, (byte) 0);
			}
			return Optional.empty();
		}
	}

	/** Whether a quorum of the shares that authorize generate-root and rekey is valid. */
	boolean verify(List<byte[]> shares, SealConfig config) {
		if (!config.quorum().recovery()) {
			Optional<Released> released = releaseRootKey(shares, config);
			released.ifPresent(Released::destroy);
			return released.isPresent();
		}
		RecoveryKeyCheck check = this.store.recoveryCheck()
			.orElseThrow(() -> new IllegalStateException("the recovery key check is missing from storage"));
		byte[] recoveryKey;
		try {
			recoveryKey = ShamirKeys.combine(shares, config.recoveryShares(), config.recoveryThreshold());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		try {
			return check.matches(recoveryKey);
		}
		finally {
			Arrays.fill(recoveryKey, (byte) 0);
		}
	}

	/**
	 * Keys recovered from unseal key shares.
	 *
	 * @param unsealKey the joined unseal key
	 * @param rootKey the root key it released
	 */
	record Released(byte[] unsealKey, byte[] rootKey) {

		void destroy() {
			Arrays.fill(this.unsealKey, (byte) 0);
			Arrays.fill(this.rootKey, (byte) 0);
		}

		@Override
		public String toString() {
			return "Released[<redacted>]";
		}

	}

}
