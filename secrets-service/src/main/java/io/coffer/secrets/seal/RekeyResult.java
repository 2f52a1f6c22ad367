package io.coffer.secrets.seal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A completed rekey: the new key shares, shown once.
 *
 * @param nonce the attempt's nonce
 * @param complete always true
 * @param keys the new shares, hex
 * @param keysBase64 the new shares, base64
 * @param pgpFingerprints always null
 * @param backup always false
 * @param verificationRequired always false
 */
public record RekeyResult(String nonce, boolean complete, List<String> keys,
		@JsonProperty("keys_base64") List<String> keysBase64,
		@JsonProperty("pgp_fingerprints") List<String> pgpFingerprints, boolean backup,
		@JsonProperty("verification_required") boolean verificationRequired) implements RekeyAnswer {

	@Override
	public String toString() {
		return "RekeyResult[" + this.keys.size() + " keys, <redacted>]";
	}

}
