package io.coffer.secrets.token;

import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.stereotype.Component;

/**
 * Whether a caller holds {@code sudo} on a path, for Vault's sudo-only token operations
 * (custom ids, periodic and orphan tokens, listing accessors, revoke-orphan).
 */
@Component
public class SudoCheck {

	private final PolicyService policies;

	public SudoCheck(PolicyService policies) {
		this.policies = policies;
	}

	/**
	 * @param caller the authenticated caller
	 * @param path the full request path, e.g. {@code auth/token/create}
	 */
	public boolean hasSudo(Caller caller, String path) {
		if (caller.entry().isLoginCaller()) {
			return false;
		}
		return this.policies.check(caller.entry(), path, Operation.UPDATE, Map.of(), false).sudo();
	}

}
