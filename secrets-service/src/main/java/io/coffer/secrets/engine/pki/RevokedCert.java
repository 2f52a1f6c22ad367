package io.coffer.secrets.engine.pki;

/**
 * A revoked certificate, as listed on its issuer's CRL.
 *
 * @param serial the serial, colon form
 * @param revocationTime Unix seconds
 * @param revocationTimeRfc3339 the same instant, RFC 3339 with nanoseconds
 * @param issuerId the issuer that signed it
 */
record RevokedCert(String serial, long revocationTime, String revocationTimeRfc3339, String issuerId) {
}
