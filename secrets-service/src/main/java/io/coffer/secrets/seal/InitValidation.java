package io.coffer.secrets.seal;

import io.coffer.secrets.kernel.VaultException;

/**
 * Which key share configurations {@code sys/init} and rekey accept (Vault's messages):
 * unseal key shares with Shamir, recovery key shares with an auto seal.
 */
final class InitValidation {

	private InitValidation() {
	}

	static void check(InitRequest request, ConfiguredSeal configured) {
		if (configured.isAuto()) {
			if (request.secretShares() != 0 || request.secretThreshold() != 0) {
				throw VaultException.badRequest("secret_shares and secret_threshold must be unset with the "
						+ configured.type() + " seal: use recovery_shares and recovery_threshold");
			}
			shares(request.recoveryShares(), request.recoveryThreshold(), "recovery");
		}
		else {
			if (request.recoveryShares() != 0 || request.recoveryThreshold() != 0) {
				throw VaultException
					.badRequest("recovery keys are only valid with an auto-unseal seal; this node uses shamir");
			}
			shares(request.secretShares(), request.secretThreshold(), "seal");
		}
	}

	/**
	 * Vault's rules for a share configuration; {@code what} is {@code seal} or
	 * {@code recovery}.
	 */
	static void shares(int shares, int threshold, String what) {
		String prefix = "invalid " + what + " configuration: ";
		if (shares < 1) {
			throw VaultException.badRequest(prefix + "shares must be at least one");
		}
		if (threshold < 1) {
			throw VaultException.badRequest(prefix + "threshold must be at least one");
		}
		if (shares > 255) {
			throw VaultException.badRequest(prefix + "shares must be at most 255");
		}
		if (threshold > shares) {
			throw VaultException.badRequest(prefix + "threshold cannot be larger than shares");
		}
		if (shares > 1 && threshold == 1) {
			throw VaultException.badRequest(prefix + "threshold must be greater than one for multiple shares");
		}
	}

}
