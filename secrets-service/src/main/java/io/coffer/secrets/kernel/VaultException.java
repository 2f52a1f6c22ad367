package io.coffer.secrets.kernel;

import java.util.List;

import io.coffer.support.error.VaultErrorException;

/**
 * A request failed with a Vault status and error messages; rendered as
 * {@code {"errors":[...]}} by service-support's {@code VaultErrorHandler} (status and
 * messages are kept by {@link VaultErrorException}). Messages must never contain a secret
 * value, token or key.
 */
public class VaultException extends VaultErrorException {

	public VaultException(int status, List<String> errors) {
		super(status, errors);
	}

	public VaultException(int status, String error) {
		super(status, error);
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
