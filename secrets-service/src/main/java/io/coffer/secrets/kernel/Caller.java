package io.coffer.secrets.kernel;

/**
 * The authenticated caller of a request.
 *
 * @param token the token as presented (needed by e.g. lookup-self, which returns it as
 * {@code id})
 * @param entry its stored entry
 */
public record Caller(String token, TokenEntry entry) {

	@Override
	public String toString() {
		return "Caller[accessor=" + this.entry.accessor() + "]";
	}

}
