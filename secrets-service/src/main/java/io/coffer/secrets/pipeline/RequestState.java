package io.coffer.secrets.pipeline;

import io.coffer.secrets.audit.AuditEvent;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.router.Route;

import org.springframework.http.ResponseEntity;

/**
 * What the steps of one request know so far: the HTTP request, then the caller, the
 * route, the logical request, the engine's response and the HTTP response. Each value is
 * set once by the step that owns it and read by later steps; reading a value before its
 * step ran is a programming error. One instance per request, on one thread.
 */
public final class RequestState {

	private final VaultHttpRequest http;

	private Caller caller;

	private Route route;

	private LogicalRequest logical;

	private LogicalResponse response;

	private ResponseEntity<Object> result;

	private AuditEvent audit;

	private AuditStage auditStage = AuditStage.NONE;

	RequestState(VaultHttpRequest http) {
		this.http = http;
	}

	public VaultHttpRequest http() {
		return this.http;
	}

	/** The full request path below {@code /v1/}, e.g. {@code secret/data/app}. */
	public String path() {
		return this.http.path();
	}

	/** Set by {@code authenticate}. */
	public Caller caller() {
		return required(this.caller, "caller");
	}

	void caller(Caller caller) {
		this.caller = caller;
	}

	/** Set by {@code route}. */
	public Route route() {
		return required(this.route, "route");
	}

	void route(Route route) {
		this.route = route;
	}

	/** Set by {@code route}; {@code existence check} may turn an update into a create. */
	public LogicalRequest logical() {
		return required(this.logical, "logical request");
	}

	void logical(LogicalRequest logical) {
		this.logical = logical;
	}

	/** Set by {@code dispatch}. */
	public LogicalResponse response() {
		return required(this.response, "response");
	}

	void response(LogicalResponse response) {
		this.response = response;
	}

	/**
	 * Releases a binary body the engine answered with, when the request fails before it
	 * is sent (its stream would otherwise stay open until collected).
	 */
	void releaseBody() {
		if (this.response != null && this.response.body() != null) {
			try {
				this.response.body().close();
			}
			catch (RuntimeException ex) {
				// the request's own failure is what the client must see
			}
		}
	}

	/** Set by {@code wrap}, the last step. */
	public ResponseEntity<Object> result() {
		return required(this.result, "result");
	}

	void result(ResponseEntity<Object> result) {
		this.result = result;
	}

	/** The caller, or null before {@code authenticate} set it. */
	Caller callerOrNull() {
		return this.caller;
	}

	/** The route, or null before {@code route} set it. */
	Route routeOrNull() {
		return this.route;
	}

	/** The logical request, or null before {@code route} set it. */
	LogicalRequest logicalOrNull() {
		return this.logical;
	}

	/** The request's audit event, set by {@code audit request}; null before. */
	AuditEvent audit() {
		return this.audit;
	}

	void audit(AuditEvent audit) {
		this.audit = audit;
	}

	AuditStage auditStage() {
		return this.auditStage;
	}

	void auditStage(AuditStage stage) {
		this.auditStage = stage;
	}

	/**
	 * How far the request's audit got, so a failure is audited once and at the right
	 * place.
	 */
	enum AuditStage {

		/** Nothing audited yet. */
		NONE,
		/** The request entry is being written (a failure there is not audited again). */
		REQUEST_PENDING,
		/** The request entry is durable: a later failure gets a response entry. */
		REQUEST_LOGGED,
		/** The response entry is being written or was written. */
		RESPONSE_PENDING

	}

	private static <T> T required(T value, String what) {
		if (value == null) {
			throw new IllegalStateException("no " + what + " yet: a step runs before the step that sets it");
		}
		return value;
	}

}
