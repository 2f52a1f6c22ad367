package io.coffer.bench.http;

import java.io.IOException;

/**
 * A non-2xx answer. The body is not kept: it could echo request data, and the status is
 * what the error counts need.
 */
public final class UnexpectedStatusException extends IOException {

	private final int status;

	public UnexpectedStatusException(int status, String path) {
		super("HTTP " + status + " for " + path);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
