package io.coffer.support.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

final class Sha256 {

	private Sha256() {
	}

	static MessageDigest create() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
