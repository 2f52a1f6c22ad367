package io.coffer.secrets.engine.pki;

/**
 * A CA of the mount: its certificate and the key that signs with it.
 *
 * @param id Vault's {@code issuer_id} (a UUID)
 * @param name {@code issuer_name}, may be empty
 * @param keyId the {@link StoredKey} that signs for it
 * @param certificate the CA certificate, DER as base64
 */
record StoredIssuer(String id, String name, String keyId, String certificate) {
}
