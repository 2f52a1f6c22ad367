package io.coffer.gateway.identity;

import java.security.KeyPair;

/**
 * The gateway's identity signing key pair, as one bean shared by the signers of node
 * calls and of calls to the other services.
 *
 * @param pair the P-256 key pair
 */
public record IdentityKeys(KeyPair pair) {

	@Override
	public String toString() {
		return "IdentityKeys[<redacted>]";
	}

}
