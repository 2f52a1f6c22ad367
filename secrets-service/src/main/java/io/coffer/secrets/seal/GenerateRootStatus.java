package io.coffer.secrets.seal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Vault's generate-root status, the answer of every {@code sys/generate-root/*} call.
 *
 * @param started whether an attempt is in progress
 * @param nonce the attempt's nonce, to send with each key
 * @param progress keys given so far
 * @param required keys needed (unseal or recovery threshold)
 * @param encodedToken the new root token XOR the OTP, unpadded base64; once complete
 * @param encodedRootToken the same (Vault's newer name)
 * @param pgpFingerprint always empty: PGP is not supported
 * @param otpLength length of the OTP the client must keep (28)
 * @param otp the OTP the server generated, returned once when the attempt starts
 * @param complete whether the new root token was created
 */
public record GenerateRootStatus(boolean started, String nonce, int progress, int required,
		@JsonProperty("encoded_token") String encodedToken, @JsonProperty("encoded_root_token") String encodedRootToken,
		@JsonProperty("pgp_fingerprint") String pgpFingerprint, @JsonProperty("otp_length") int otpLength, String otp,
		boolean complete) {

	@Override
	public String toString() {
		return "GenerateRootStatus[started=" + this.started + ", progress=" + this.progress + "/" + this.required
				+ ", complete=" + this.complete + "]";
	}

}
