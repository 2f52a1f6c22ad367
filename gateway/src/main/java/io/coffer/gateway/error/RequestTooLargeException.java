package io.coffer.gateway.error;

/**
 * The request body exceeds the limit; Vault answers 413 with Go's {@code net/http} text,
 * which clients may match on.
 */
public class RequestTooLargeException extends RuntimeException {

	public static final String MESSAGE = "http: request body too large";

	public RequestTooLargeException() {
		super(MESSAGE);
	}

}
