package io.coffer.secrets.pipeline;

import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.lease.LeaseRegistrar;

import org.springframework.stereotype.Component;

/**
 * Step {@code register lease}: a response carrying a secret (a dynamic credential) gets
 * its lease from lease-service before anything else sees it, wrapping included; if the
 * lease cannot be registered the secret is revoked and the request fails
 * ({@link LeaseRegistrar}). Responses without a secret pass unchanged. The lease records
 * the requesting token's accessor, so revoking the token revokes the lease.
 */
@Component
class RegisterLease implements RequestStep {

	private final LeaseRegistrar registrar;

	RegisterLease(LeaseRegistrar registrar) {
		this.registrar = registrar;
	}

	@Override
	public String name() {
		return "register lease";
	}

	@Override
	public void apply(RequestState state) {
		if (state.response().secret() == null) {
			return;
		}
		TokenEntry caller = state.caller().entry();
		String accessor = caller.isLoginCaller() ? "" : caller.accessor();
		state.response(this.registrar.register(state.route().engine(), state.logical(), accessor, state.response()));
	}

}
