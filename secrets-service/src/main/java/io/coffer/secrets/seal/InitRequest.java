package io.coffer.secrets.seal;

/**
 * What {@code sys/init} asks for: unseal key shares with a Shamir seal, recovery key
 * shares with an auto seal (0 = not given).
 */
public record InitRequest(int secretShares, int secretThreshold, int recoveryShares, int recoveryThreshold) {

	public static InitRequest shamir(int shares, int threshold) {
		return new InitRequest(shares, threshold, 0, 0);
	}

	public static InitRequest recovery(int shares, int threshold) {
		return new InitRequest(0, 0, shares, threshold);
	}

}
