package io.coffer.support.identity;

import java.security.interfaces.ECPublicKey;
import java.util.List;

/**
 * A service whose internal identities a receiver accepts: its name (the issuer claim is
 * {@code coffer-<name>}) and the public keys its signatures verify with (more than one
 * while its key is rotated). A signature verifies only with the keys of the caller its
 * issuer claim names, so no caller can speak for another.
 *
 * @param name the caller's name ({@code gateway}, {@code lease-service}...)
 * @param keys its public keys, at least one
 */
public record TrustedCaller(String name, List<ECPublicKey> keys) {

	public TrustedCaller {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a trusted caller needs a name");
		}
		keys = List.copyOf(keys);
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("trusted caller '" + name + "' needs at least one public key");
		}
	}

}
