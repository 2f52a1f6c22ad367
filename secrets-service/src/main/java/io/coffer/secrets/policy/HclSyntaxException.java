package io.coffer.secrets.policy;

/** A policy text that is not valid HCL, with the position the reader stopped at. */
final class HclSyntaxException extends RuntimeException {

	private final int line;

	private final int column;

	HclSyntaxException(int line, int column, String message) {
		super(message);
		this.line = line;
		this.column = column;
	}

	int line() {
		return this.line;
	}

	int column() {
		return this.column;
	}

}
