package io.coffer.secrets.pipeline;

import io.coffer.secrets.audit.AuditLog;

import org.springframework.stereotype.Component;

/**
 * Step {@code audit request}, right after {@code authorize}: the request entry is made
 * durable in the node's audit journal before anything runs, or the request ends with
 * Vault's {@code 500 internal error} and nothing is dispatched. With no audit device
 * enabled nothing is written.
 */
@Component
class AuditRequest implements RequestStep {

	private final AuditLog audit;

	AuditRequest(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public String name() {
		return "audit request";
	}

	@Override
	public void apply(RequestState state) {
		if (!this.audit.enabled()) {
			return;
		}
		state.audit(AuditEvents.of(state));
		state.auditStage(RequestState.AuditStage.REQUEST_PENDING);
		this.audit.logRequest(state.audit());
		state.auditStage(RequestState.AuditStage.REQUEST_LOGGED);
	}

}
