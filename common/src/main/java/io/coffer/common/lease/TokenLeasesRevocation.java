package io.coffer.common.lease;

/**
 * The active node tells lease-service that a token was revoked
 * ({@code POST /internal/leases/revoke-token}): every lease the token created is revoked
 * in the background, as Vault revokes a token's leases with it. Answers {@code 204} once
 * the leases are queued.
 *
 * @param tokenAccessor the revoked token's accessor
 */
public record TokenLeasesRevocation(String tokenAccessor) {

	@Override
	public String toString() {
		return "TokenLeasesRevocation[<redacted>]";
	}

}
