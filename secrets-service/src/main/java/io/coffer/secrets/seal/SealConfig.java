package io.coffer.secrets.seal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seal's configuration, stored in the clear at {@link SealService#SEAL_CONFIG_PATH}
 * (it must be readable while sealed). Its presence is what makes a cluster "initialized".
 *
 * @param type {@code shamir}
 * @param secretShares number of unseal key shares
 * @param secretThreshold shares needed to unseal
 */
public record SealConfig(String type, @JsonProperty("secret_shares") int secretShares,
		@JsonProperty("secret_threshold") int secretThreshold) {
}
