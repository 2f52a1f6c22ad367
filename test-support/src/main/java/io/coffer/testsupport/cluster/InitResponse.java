package io.coffer.testsupport.cluster;

import java.util.List;

/**
 * Vault's answer to {@code PUT sys/init}: the unseal key shares (hex) and the root token.
 */
public record InitResponse(List<String> keys, List<String> keysBase64, String rootToken) {

	@Override
	public String toString() {
		return "InitResponse[" + this.keys.size() + " keys, root token redacted]";
	}

}
