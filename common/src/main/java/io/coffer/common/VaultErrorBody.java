package io.coffer.common;

import java.util.List;

/**
 * Vault's error envelope: {@code {"errors":[...]}}. The list may be empty (e.g. an empty
 * LIST answers 404 with no message). Messages must never carry a secret, a token or a
 * key.
 */
public record VaultErrorBody(List<String> errors) {

	public VaultErrorBody {
		errors = List.copyOf(errors);
	}

	public static VaultErrorBody of(String... messages) {
		return new VaultErrorBody(List.of(messages));
	}

}
