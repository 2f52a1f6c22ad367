package io.coffer.secrets.engine.pki;

/**
 * An issuer's current CRL.
 *
 * @param number its CRL number (raised on every rebuild)
 * @param der the CRL, DER as base64
 */
record CrlState(long number, String der) {
}
