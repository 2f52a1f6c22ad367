package io.coffer.secrets.pipeline;

import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.SnapshotAccess;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.recovery.SnapshotRequests;
import io.coffer.secrets.wrapping.WrappingPaths;

import org.springframework.stereotype.Component;

/**
 * Step {@code dispatch}: hands the logical request to the mount's engine, with the caller
 * for engines that need it (token, sys, cubbyhole, auth methods).
 * {@code sys/wrapping/wrap} exists only to be wrapped, so without
 * {@code X-Vault-Wrap-TTL} it is refused here, as Vault's handler refuses it. A request
 * naming a loaded snapshot goes to {@link SnapshotRequests} (single-item recovery).
 */
@Component
class Dispatch implements RequestStep {

	private final SnapshotRequests snapshots;

	Dispatch(SnapshotRequests snapshots) {
		this.snapshots = snapshots;
	}

	@Override
	public String name() {
		return "dispatch";
	}

	@Override
	public void apply(RequestState state) {
		if (state.path().equals(WrappingPaths.WRAP) && state.http().wrapTtl() == null) {
			throw VaultException.badRequest("endpoint requires response wrapping to be used");
		}
		SecretEngine engine = state.route().engine();
		SnapshotAccess snapshot = state.http().snapshot();
		if (snapshot != null) {
			if (engine instanceof CallerAware) {
				// sys, auth methods, tokens, cubbyhole: nothing of theirs is recovered
				throw VaultException.unsupportedOperation();
			}
			state.response(this.snapshots.handle(snapshot, state.logical(), engine));
			return;
		}
		state.response((engine instanceof CallerAware aware) ? aware.handle(state.logical(), state.caller())
				: engine.handle(state.logical()));
	}

}
