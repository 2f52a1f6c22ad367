package io.coffer.secrets.seal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Vault's init response: the unseal key shares (hex and base64), with an auto seal the
 * recovery key shares instead (the unseal key lists are then empty), and the initial root
 * token. Shown once, never logged.
 */
public record InitResult(List<String> keys, @JsonProperty("keys_base64") List<String> keysBase64,
		@JsonProperty("recovery_keys") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> recoveryKeys,
		@JsonProperty("recovery_keys_base64") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> recoveryKeysBase64,
		@JsonProperty("root_token") String rootToken) {

	@Override
	public String toString() {
		return "InitResult[" + this.keys.size() + " keys, " + this.recoveryKeys.size() + " recovery keys, <redacted>]";
	}

}
