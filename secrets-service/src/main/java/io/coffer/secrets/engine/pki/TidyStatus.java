package io.coffer.secrets.engine.pki;

/**
 * The last {@code tidy} run, as {@code tidy-status} reports it.
 *
 * @param tidyCertStore whether expired certificates were removed
 * @param tidyRevokedCerts whether expired revoked entries were removed
 * @param safetyBuffer seconds past expiry before a certificate is removed
 * @param timeStarted RFC 3339
 * @param timeFinished RFC 3339
 * @param certStoreDeletedCount certificates removed
 * @param revokedCertDeletedCount revoked entries removed
 */
record TidyStatus(boolean tidyCertStore, boolean tidyRevokedCerts, long safetyBuffer, String timeStarted,
		String timeFinished, long certStoreDeletedCount, long revokedCertDeletedCount) {
}
