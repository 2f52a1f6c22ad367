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
 * request and a response entry with its error (a request refused by {@code rate limit}
 * only a request entry, and only with {@code enable_rate_limit_audit_logging}); a request
 * whose request entry is durable and that fails later gets a response entry with the
 * error.
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
	 * @param refusal what to audit when it failed before {@code audit request}
	 * @throws VaultException 500 {@code internal error} when the entries cannot be made
	 * durable (the caller then answers that instead of {@code failure})
	 */
	void failed(RequestState state, RuntimeException failure, Refusal refusal) {
		String error = (failure instanceof VaultException vault) ? String.join("; ", vault.errors())
				: AuditLog.INTERNAL_ERROR;
		if (state.auditStage() == RequestState.AuditStage.REQUEST_LOGGED) {
			state.auditStage(RequestState.AuditStage.RESPONSE_PENDING);
			this.audit.logResponse(state.audit().withError(error));
		}
		else if (state.auditStage() == RequestState.AuditStage.NONE && refusal != Refusal.NONE
				&& failure instanceof VaultException && this.audit.enabled()) {
			AuditEvent event = AuditEvents.of(state).withError(error);
			state.audit(event);
			state.auditStage(RequestState.AuditStage.RESPONSE_PENDING);
			this.audit.logRequest(event);
			if (refusal == Refusal.REQUEST_AND_RESPONSE) {
				this.audit.logResponse(event);
			}
		}
	}

	/** What Vault audits of a request refused before {@code audit request}. */
	enum Refusal {

		/**
		 * Nothing (refused before Vault's request handling: sealed, standby, bad path).
		 */
		NONE,
		/** The request entry with the error (a rate-limit refusal, when configured). */
		REQUEST,
		/**
		 * The request and response entries with the error (bad token, permission denied).
		 */
		REQUEST_AND_RESPONSE

	}

}
