package io.coffer.secrets.pipeline;

import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * Step {@code path check}: an empty path or one ending in {@code .} is Vault's 404
 * {@code unsupported path}, before the token is even looked at.
 */
@Component
class PathGate implements RequestStep {

	@Override
	public String name() {
		return "path check";
	}

	@Override
	public void apply(RequestState state) {
		String path = state.path();
		if (path.endsWith(".") || path.isEmpty()) {
			throw VaultException.unsupportedPath(path);
		}
	}

}
