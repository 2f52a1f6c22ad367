package io.coffer.secrets.engine.kv;

import java.util.List;

import io.coffer.secrets.kernel.VaultException;

/** Vault's error texts for KV, in one place. None of them carries a secret value. */
final class VaultErrors {

	static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";

	static final String CAS_REQUIRED = "check-and-set parameter required for this call";

	static final String CAS_UNPARSABLE = "error parsing check-and-set parameter";

	static final String NO_DATA = "no data provided";

	static final String MISSING_PATH = "missing path";

	private VaultErrors() {
	}

	static VaultException badRequest(String message) {
		return VaultException.badRequest(message);
	}

	/**
	 * Go's multierror text ({@code "2 errors occurred:\n\t* a\n\t* b\n\n"}), which Vault
	 * returns as a single error string.
	 */
	static VaultException multi(List<String> errors) {
		StringBuilder text = new StringBuilder();
		text.append(errors.size()).append((errors.size() == 1) ? " error occurred:\n" : " errors occurred:\n");
		for (String error : errors) {
			text.append("\t* ").append(error).append('\n');
		}
		return VaultException.badRequest(text.append('\n').toString());
	}

	static VaultException internal(String message) {
		return new VaultException(500, message);
	}

}
