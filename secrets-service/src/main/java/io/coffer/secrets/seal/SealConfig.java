package io.coffer.secrets.seal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seal's configuration, stored in the clear at {@link SealService#SEAL_CONFIG_PATH}
 * (it must be readable while sealed). Its presence is what makes a cluster "initialized".
 *
 * @param type {@code shamir}, {@code awskms} or {@code transit}: which seal protects the
 * stored root key
 * @param secretShares number of unseal key shares (Shamir); 1 with an auto seal
 * @param secretThreshold shares needed to unseal (Shamir); 1 with an auto seal
 * @param recoveryShares number of recovery key shares (auto seal only)
 * @param recoveryThreshold recovery shares needed for generate-root and rekey
 */
public record SealConfig(String type, @JsonProperty("secret_shares") int secretShares,
		@JsonProperty("secret_threshold") int secretThreshold, @JsonProperty("recovery_shares") Integer recoveryShares,
		@JsonProperty("recovery_threshold") Integer recoveryThreshold) {

	/** Configs stored before recovery keys existed lack the recovery fields. */
	public SealConfig {
		recoveryShares = (recoveryShares != null) ? recoveryShares : 0;
		recoveryThreshold = (recoveryThreshold != null) ? recoveryThreshold : 0;
	}

	public static SealConfig shamir(int shares, int threshold) {
		return new SealConfig(ConfiguredSeal.SHAMIR, shares, threshold, 0, 0);
	}

	public static SealConfig auto(String type, int recoveryShares, int recoveryThreshold) {
		return new SealConfig(type, 1, 1, recoveryShares, recoveryThreshold);
	}

	public boolean isShamir() {
		return ConfiguredSeal.SHAMIR.equals(this.type);
	}

	/**
	 * The shares that authorize generate-root and rekey: unseal keys or recovery keys.
	 */
	public KeyQuorum quorum() {
		return isShamir() ? new KeyQuorum(this.secretShares, this.secretThreshold, false)
				: new KeyQuorum(this.recoveryShares, this.recoveryThreshold, true);
	}

	/**
	 * How many shares a key is split into and how many open it.
	 *
	 * @param shares shares handed out
	 * @param threshold shares needed
	 * @param recovery whether these are recovery keys (else unseal keys)
	 */
	public record KeyQuorum(int shares, int threshold, boolean recovery) {
	}

}
