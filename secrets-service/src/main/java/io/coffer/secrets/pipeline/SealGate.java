package io.coffer.secrets.pipeline;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.SealService;

import org.springframework.stereotype.Component;

/**
 * Step {@code seal gate}: every logical path is {@code 503 Vault is sealed} while sealed.
 */
@Component
class SealGate implements RequestStep {

	private final SealService seal;

	SealGate(SealService seal) {
		this.seal = seal;
	}

	@Override
	public String name() {
		return "seal gate";
	}

	@Override
	public void apply(RequestState state) {
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
	}

}
