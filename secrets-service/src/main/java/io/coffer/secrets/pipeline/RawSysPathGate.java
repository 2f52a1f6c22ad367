package io.coffer.secrets.pipeline;

import java.util.Set;

import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * Step {@code raw sys paths}: the sys endpoints that work while sealed (init, unseal,
 * health, rekey, generate-root...) are served by their own controllers; a verb those
 * controllers do not take lands here and is Vault's 405, even while sealed.
 */
@Component
class RawSysPathGate implements RequestStep {

	private static final Set<String> RAW_SYS_PATHS = Set.of("sys/init", "sys/seal-status", "sys/unseal", "sys/seal",
			"sys/health", "sys/leader", "sys/generate-root/attempt", "sys/generate-root/update", "sys/rekey/init",
			"sys/rekey/update", "sys/rekey-recovery-key/init", "sys/rekey-recovery-key/update");

	@Override
	public String name() {
		return "raw sys paths";
	}

	@Override
	public void apply(RequestState state) {
		if (RAW_SYS_PATHS.contains(state.path().replaceFirst("/$", ""))) {
			throw VaultException.unsupportedOperation();
		}
	}

}
