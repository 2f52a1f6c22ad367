package io.coffer.secrets.pipeline;

import io.coffer.secrets.engine.cubbyhole.CubbyholeEngine;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.stereotype.Component;

/**
 * Step {@code existence check}: Vault's create-versus-update: a write to an absent path
 * is {@code create}, to a present one {@code update}. In the cubbyhole, what exists
 * depends on the caller. Skipped when neither the engine nor the caller's ACL would act
 * on the answer (a KV write by a caller granted both or neither): it costs a storage read
 * and decode per write. Not for a recover from a loaded snapshot, which {@code recover}
 * authorizes whether the path exists or not.
 */
@Component
class ExistenceCheck implements RequestStep {

	private final PolicyService policies;

	private final CubbyholeEngine cubbyhole;

	ExistenceCheck(PolicyService policies, CubbyholeEngine cubbyhole) {
		this.policies = policies;
		this.cubbyhole = cubbyhole;
	}

	@Override
	public String name() {
		return "existence check";
	}

	@Override
	public void apply(RequestState state) {
		LogicalRequest request = state.logical();
		if (request.operation() != Operation.UPDATE || state.http().snapshot() != null) {
			return;
		}
		SecretEngine engine = state.route().engine();
		Caller caller = state.caller();
		if (engine.treatsCreateAsUpdate() && (caller.entry().isLoginCaller()
				|| !this.policies.separatesCreateFromUpdate(caller.entry(), state.path()))) {
			return;
		}
		boolean exists = (engine == this.cubbyhole) ? this.cubbyhole.exists(request, caller) : engine.exists(request);
		if (!exists) {
			state.logical(new LogicalRequest(Operation.CREATE, request.path(), request.data(), request.mount(),
					request.requestId()));
		}
	}

}
