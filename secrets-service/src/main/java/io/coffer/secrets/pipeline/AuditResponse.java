package io.coffer.secrets.pipeline;

import io.coffer.secrets.audit.AuditEvent;
import io.coffer.secrets.audit.AuditLog;
import io.coffer.secrets.audit.AuditedResponse;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * Step {@code audit response}, after {@code wrap}: the response entry of what the client
 * is about to receive (only {@code wrap_info} when wrapped) is made durable, or the
 * response is withheld and the client gets Vault's {@code 500 internal error} (a lease
 * already registered stays registered and expires or is revoked as usual).
 * <p>
 * Failures are audited too ({@link #failed}), as Vault does: a request refused by
 * {@code authenticate}, {@code route}, the existence check or {@code authorize} gets a
 * request and a response entry with its error; a request whose request entry is durable
 * and that fails later gets a response entry with the error.
 */
@Component
class AuditResponse implements RequestStep {

	private final AuditLog audit;

	AuditResponse(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public String name() {
		return "audit response";
	}

	@Override
	public void apply(RequestState state) {
		if (state.auditStage() != RequestState.AuditStage.REQUEST_LOGGED) {
			return;
		}
		state.auditStage(RequestState.AuditStage.RESPONSE_PENDING);
		this.audit.logResponse(state.audit().withResponse(AuditedResponse.ofEnvelope(state.result().getBody())));
	}

	/**
	 * Audits a request that failed with {@code failure}.
	 * @param refusedBeforeAudit whether it failed in a step before {@code audit request}
	 * that Vault audits ({@code authenticate} to {@code authorize})
	 * @throws VaultException 500 {@code internal error} when the entries cannot be made
	 * durable (the caller then answers that instead of {@code failure})
	 */
	void failed(RequestState state, RuntimeException failure, boolean refusedBeforeAudit) {
		String error = (failure instanceof VaultException vault) ? String.join("; ", vault.errors())
				: AuditLog.INTERNAL_ERROR;
		if (state.auditStage() == RequestState.AuditStage.REQUEST_LOGGED) {
			state.auditStage(RequestState.AuditStage.RESPONSE_PENDING);
			this.audit.logResponse(state.audit().withError(error));
		}
		else if (state.auditStage() == RequestState.AuditStage.NONE && refusedBeforeAudit
				&& failure instanceof VaultException && this.audit.enabled()) {
			AuditEvent event = AuditEvents.of(state).withError(error);
			state.audit(event);
			state.auditStage(RequestState.AuditStage.RESPONSE_PENDING);
			this.audit.logRequest(event);
			this.audit.logResponse(event);
		}
	}

}
