package io.coffer.gateway.error;

/**
 * The request's {@code X-Forwarded-For} (or its absence) is refused by the gateway's
 * settings; Vault's listener answers 400 with these same texts.
 */
public class ForwardedForRejectedException extends RuntimeException {

	public ForwardedForRejectedException(String message) {
		super(message);
	}

}
