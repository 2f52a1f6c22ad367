package io.coffer.secrets.kernel;

import java.util.List;

/**
 * A request failed with a Vault status and error messages; rendered as
 * {@code {"errors":[...]}}. Messages must never contain a secret value, token or key.
 */
public class VaultException extends RuntimeException {

	private final int status;

	private final List<String> errors;

	public VaultException(int status, List<String> errors) {
		super(String.join("; ", errors));
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public VaultException(int status, String error) {
		this(status, List.of(error));
	}

	public int status() {
		return this.status;
	}

	public List<String> errors() {
		return this.errors;
	}

	public static VaultException badRequest(String message) {
		return new VaultException(400, message);
	}

	public static VaultException notFound() {
		return new VaultException(404, List.of());
	}

	public static VaultException permissionDenied() {
		return new VaultException(403, "permission denied");
	}

	public static VaultException unsupportedPath(String path) {
		return new VaultException(404, "unsupported path");
	}

	public static VaultException unsupportedOperation() {
		return new VaultException(405, "unsupported operation");
	}

}
