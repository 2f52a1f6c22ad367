package io.coffer.testsupport.http;

/**
 * A non-2xx answer where only success was expected. The body is not kept: it could echo
 * request data, and the status is what callers (and the benchmark's error counts) need.
 */
public final class UnexpectedStatusException extends RuntimeException {

	private final int status;

	public UnexpectedStatusException(int status, String request) {
		super("HTTP " + status + " for " + request);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
