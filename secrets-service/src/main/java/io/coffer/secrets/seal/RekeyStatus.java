package io.coffer.secrets.seal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Vault's rekey status ({@code GET sys/rekey/init}, and the answer to a key that does not
 * complete the quorum).
 *
 * @param nonce the attempt's nonce
 * @param started whether an attempt is in progress
 * @param t the new threshold
 * @param n the new number of shares
 * @param progress keys given so far
 * @param required keys needed (the current threshold)
 * @param pgpFingerprints always null: PGP is not supported
 * @param backup always false
 * @param verificationRequired always false
 */
public record RekeyStatus(String nonce, boolean started, int t, int n, int progress, int required,
		@JsonProperty("pgp_fingerprints") List<String> pgpFingerprints, boolean backup,
		@JsonProperty("verification_required") boolean verificationRequired) implements RekeyAnswer {
}
