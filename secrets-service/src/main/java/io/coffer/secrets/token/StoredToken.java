package io.coffer.secrets.token;

import io.coffer.secrets.kernel.TokenEntry;

/**
 * A token entry with its storage id (the salted HMAC of the token).
 *
 * @param id the storage id
 * @param entry the entry
 */
record StoredToken(String id, TokenEntry entry) {
}
