package io.coffer.secrets.pipeline;

import java.time.Clock;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.lease.LeaseOwner;
import io.coffer.secrets.lease.LeaseRegistrar;
import io.coffer.secrets.lease.TokenLeases;
import io.coffer.secrets.token.TokenStore;

import org.springframework.stereotype.Component;

/**
 * Step {@code register lease}: a response carrying a secret (a dynamic credential) gets
 * its lease from lease-service before anything else sees it, wrapping included; if the
 * lease cannot be registered the secret is revoked and the request fails
 * ({@link LeaseRegistrar}). The lease records the requesting token's accessor, so
 * revoking the token revokes the lease; a batch token has no accessor, so a lease it
 * obtains records its parent's, or none for an orphan (as Vault indexes such leases under
 * the parent) and never outlives the batch token (its TTL and maximum TTL are capped at
 * the token's remaining TTL, as in Vault). A response that issues or renews a token with
 * a TTL registers the token's lease, so that lease-service expires it
 * ({@link TokenLeases}). Other responses pass unchanged.
 */
@Component
class RegisterLease implements RequestStep {

	private final LeaseRegistrar registrar;

	private final TokenLeases tokenLeases;

	private final TokenStore tokens;

	private final Clock clock;

	RegisterLease(LeaseRegistrar registrar, TokenLeases tokenLeases, TokenStore tokens, Clock clock) {
		this.registrar = registrar;
		this.tokenLeases = tokenLeases;
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "register lease";
	}

	@Override
	public void apply(RequestState state) {
		LogicalResponse response = state.response();
		if (response.secret() == null) {
			if (response.auth() != null) {
				this.tokenLeases.register(state.logical(), response.auth());
			}
			return;
		}
		TokenEntry caller = state.caller().entry();
		String accessor = caller.isLoginCaller() ? "" : this.tokens.leaseOwnerAccessor(caller);
		long cap = caller.batch() ? Math.max(1, caller.ttlAt(this.clock.instant().getEpochSecond())) : 0;
		state.response(this.registrar.register(state.route().engine(), state.logical(), new LeaseOwner(accessor, cap),
				state.response()));
	}

}
