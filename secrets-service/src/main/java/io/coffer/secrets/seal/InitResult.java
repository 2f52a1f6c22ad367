package io.coffer.secrets.seal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Vault's init response: the unseal key shares (hex and base64) and the initial root
 * token. Shown once, never logged.
 */
public record InitResult(List<String> keys, @JsonProperty("keys_base64") List<String> keysBase64,
		@JsonProperty("root_token") String rootToken) {

	@Override
	public String toString() {
		return "InitResult[" + this.keys.size() + " keys, <redacted>]";
	}

}
