package io.coffer.secrets.kernel;

/** Vault's logical operations; HTTP verbs map onto them in the http package. */
public enum Operation {

	READ, LIST, CREATE, UPDATE, DELETE, PATCH;

	/** Vault's lower-case name, as used in audit entries and capabilities. */
	public String vaultName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
