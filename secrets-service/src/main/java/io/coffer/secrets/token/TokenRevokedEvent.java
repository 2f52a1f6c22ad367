package io.coffer.secrets.token;

/**
 * Published after a token is revoked (explicitly, by a parent's revocation, by running
 * out of uses, or by tidy after it expired), so holders of per-token state such as a
 * cubbyhole or a gateway cache can drop it.
 *
 * @param accessor the revoked token's accessor
 */
public record TokenRevokedEvent(String accessor) {
}
