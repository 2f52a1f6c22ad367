package io.coffer.secrets.pipeline;

import io.coffer.secrets.audit.AuditEvent;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.identity.ClientAddress;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.router.Route;

/**
 * The audit event of a request from what the steps so far know: the token's entry once
 * {@code authenticate} resolved it, the mount once {@code route} found it, the operation
 * after the existence check (create or update).
 */
final class AuditEvents {

	private AuditEvents() {
	}

	static AuditEvent of(RequestState state) {
		VaultHttpRequest http = state.http();
		Caller caller = state.callerOrNull();
		Route route = state.routeOrNull();
		LogicalRequest logical = state.logicalOrNull();
		String operation = ((logical != null) ? logical.operation() : http.operation()).vaultName();
		long wrapTtl = (http.wrapTtl() != null) ? http.wrapTtl().toSeconds() : 0;
		return new AuditEvent(http.requestId(), operation, http.path(), http.data(), http.token(),
				(caller != null) ? caller.entry() : null, ClientAddress.current().orElse(null),
				(route != null) ? route.mount() : null, wrapTtl, null, null);
	}

}
