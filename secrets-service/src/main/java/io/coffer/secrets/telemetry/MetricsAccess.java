package io.coffer.secrets.telemetry;

import java.util.Map;

import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.token.TokenStore;

import org.springframework.stereotype.Component;

/**
 * Who may read this node's {@code sys/metrics}: anyone when
 * {@code coffer.telemetry.unauthenticated-metrics-access} is set (Vault's
 * {@code unauthenticated_metrics_access}), else a token whose policies grant {@code read}
 * on {@code sys/metrics}. The token is checked on this node from its own replica, so a
 * standby answers for itself (Vault forwards the request to the active node,
 * hashicorp/vault#6802). Reading the replica takes nothing from a token, so a use-limited
 * token is refused: its use could not be counted on a standby. A sealed node cannot read
 * tokens: {@code 503 Vault is sealed}, as for any authenticated request.
 */
@Component
class MetricsAccess {

	static final String PATH = "sys/metrics";

	private final TelemetryProperties properties;

	private final SealService seal;

	private final TokenStore tokens;

	private final PolicyService policies;

	MetricsAccess(TelemetryProperties properties, SealService seal, TokenStore tokens, PolicyService policies) {
		this.properties = properties;
		this.seal = seal;
		this.tokens = tokens;
		this.policies = policies;
	}

	/** Throws Vault's refusal unless the caller with {@code token} may read. */
	void check(String token) {
		if (this.properties.unauthenticatedMetricsAccess()) {
			return;
		}
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		if (token == null || token.isBlank()) {
			throw VaultException.permissionDenied();
		}
		TokenEntry entry = this.tokens.lookup(token)
			.filter(TokenStore::usableByClient)
			.filter((e) -> e.numUses() == 0)
			.orElseThrow(VaultException::permissionDenied);
		if (!this.policies.check(entry, PATH, Operation.READ, Map.of(), true).allowed()) {
			throw VaultException.permissionDenied();
		}
	}

}
