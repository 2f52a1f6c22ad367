package io.coffer.secrets.policy;

import java.util.Locale;
import java.util.Optional;

import io.coffer.secrets.kernel.Operation;

/**
 * Vault's ACL capabilities. {@code deny} overrides every other one, sudo included.
 * {@code recover} (Vault 1.20) allows writing an item of a loaded snapshot back to live
 * data; no operation but a recover needs it.
 */
public enum Capability {

	DENY, CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO, RECOVER;

	/** The name used in policies and in {@code sys/capabilities} answers. */
	public String vaultName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Capability> fromVaultName(String name) {
		for (Capability capability : values()) {
			if (capability.vaultName().equals(name)) {
				return Optional.of(capability);
			}
		}
		return Optional.empty();
	}

	/** The capability an operation needs. */
	static Capability requiredFor(Operation operation) {
		return switch (operation) {
			case READ -> READ;
			case LIST -> LIST;
			case CREATE -> CREATE;
			case UPDATE -> UPDATE;
			case DELETE -> DELETE;
			case PATCH -> PATCH;
		};
	}

}
