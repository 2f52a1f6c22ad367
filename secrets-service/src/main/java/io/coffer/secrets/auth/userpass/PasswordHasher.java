package io.coffer.secrets.auth.userpass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashing for userpass: bcrypt over a SHA-256 digest of the password, so that
 * passwords longer than bcrypt's 72 bytes keep all their entropy. An unknown user is
 * checked against a dummy hash, so the answer takes as long as for a wrong password.
 */
final class PasswordHasher {

	/** bcrypt's cost factor: 2^10 rounds, about 50-100 ms per check on a server core. */
	static final int DEFAULT_COST = 10;

	private final BCryptPasswordEncoder encoder;

	private final String dummyHash;

	PasswordHasher(int cost, SecureRandom random) {
		this.encoder = new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, cost, random);
		byte[] filler = new byte[32];
		random.nextBytes(filler);
		this.dummyHash = this.encoder.encode(Base64.getEncoder().encodeToString(filler));
	}

	String hash(String password) {
		return this.encoder.encode(digest(password));
	}

	/**
	 * @param storedHash the user's hash, or null for an unknown user (always false, after
	 * the same work)
	 */
	boolean matches(String password, String storedHash) {
		boolean match = this.encoder.matches(digest(password), (storedHash != null) ? storedHash : this.dummyHash);
		return match && storedHash != null;
	}

	private static String digest(String password) {
		try {
			byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(sha);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

}
