package io.coffer.secrets.pipeline;

import java.util.List;

import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.RequestWrites;
import io.coffer.secrets.storage.StandbyException;
import io.coffer.secrets.telemetry.RequestMetrics;
import io.coffer.secrets.telemetry.RouteMetrics;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * The logical request path, as an ordered list of named {@link RequestStep}s, assembled
 * here and nowhere else:
 * <ol>
 * <li>{@code raw sys paths} ({@link RawSysPathGate}): verbs the raw sys controllers do
 * not serve are 405;</li>
 * <li>{@code seal gate} ({@link SealGate}): 503 while sealed;</li>
 * <li>{@code HA gate} ({@link HaGate}): a standby refuses before anything ran;</li>
 * <li>{@code path check} ({@link PathGate}): malformed paths are 404;</li>
 * <li>{@code rate limit} ({@link RateLimitGate}): the path's rate-limit quota for this
 * client, 429 when exceeded;</li>
 * <li>{@code authenticate} ({@link Authenticate}): the token (one use taken), or the
 * stand-in caller of a login or wrapping-token path;</li>
 * <li>{@code route} ({@link Routing}): the owning mount in the router's one table, and
 * the logical request;</li>
 * <li>{@code existence check} ({@link ExistenceCheck}): create versus update;</li>
 * <li>{@code authorize} ({@link Authorize}): ACL, sudo and wrapping TTL bounds;</li>
 * <li>{@code audit request} ({@link AuditRequest}): the request entry durable in the
 * node's audit journal, or 500 and nothing runs (fail-closed; nothing when no audit
 * device is enabled);</li>
 * <li>{@code dispatch} ({@link Dispatch}): the engine answers;</li>
 * <li>{@code register lease} ({@link RegisterLease}): a secret the engine issued gets its
 * lease from lease-service, or is revoked and the request fails; a token issued or
 * renewed with a TTL gets the lease that expires it;</li>
 * <li>{@code wrap} ({@link Wrap}): the HTTP response, wrapped when asked;</li>
 * <li>{@code audit response} ({@link AuditResponse}): the response entry of what the
 * client gets durable, or 500 and the response withheld.</li>
 * </ol>
 * A request refused from {@code authenticate} to {@code authorize} (bad token, permission
 * denied) is audited as Vault audits it (request and response entries with the error),
 * and a request failing after its request entry gets a response entry with the error,
 * before the error goes to the client ({@link AuditResponse#failed}).
 * <p>
 * Around the steps, every request is measured once ({@link RequestMetrics}: Vault's
 * {@code vault.core.handle_request}, {@code handle_login_request},
 * {@code in_flight_requests} and {@code response_status_code}), with the status the
 * client gets, an error's included; the {@code dispatch} step is measured per mount and
 * operation ({@link RouteMetrics}: Vault's {@code vault.route.<operation>.<mount>}).
 */
@Service
public class RequestHandler {

	private final List<RequestStep> steps;

	/** The first step whose refusal Vault audits ({@code authenticate}). */
	private final int firstAudited;

	private final AuditResponse auditResponse;

	private final RateLimitGate rateLimit;

	private final RequestMetrics metrics;

	private final RouteMetrics routeMetrics;

	private final Dispatch dispatch;

	RequestHandler(RequestMetrics metrics, RouteMetrics routeMetrics, RawSysPathGate rawSysPaths, SealGate sealGate,
			HaGate haGate, PathGate pathCheck, RateLimitGate rateLimit, Authenticate authenticate, Routing route,
			ExistenceCheck existenceCheck, Authorize authorize, AuditRequest auditRequest, Dispatch dispatch,
			RegisterLease registerLease, Wrap wrap, AuditResponse auditResponse) {
		this.steps = List.of(rawSysPaths, sealGate, haGate, pathCheck, rateLimit, authenticate, route, existenceCheck,
				authorize, auditRequest, dispatch, registerLease, wrap, auditResponse);
		this.firstAudited = this.steps.indexOf(authenticate);
		this.auditResponse = auditResponse;
		this.rateLimit = rateLimit;
		this.metrics = metrics;
		this.routeMetrics = routeMetrics;
		this.dispatch = dispatch;
	}

	public ResponseEntity<Object> handle(VaultHttpRequest request) {
		RequestState state = new RequestState(request);
		RequestMetrics.Request measured = this.metrics.start();
		int status = 500;
		int step = 0;
		try {
			for (; step < this.steps.size(); step++) {
				RequestStep current = this.steps.get(step);
				if (current == this.dispatch) {
					dispatchMeasured(state);
				}
				else {
					current.apply(state);
				}
			}
			ResponseEntity<Object> result = state.result();
			status = result.getStatusCode().value();
			return result;
		}
		catch (RuntimeException ex) {
			state.releaseBody();
			status = statusOf(ex);
			this.auditResponse.failed(state, ex, refusal(step, ex));
			throw ex;
		}
		finally {
			measured.finish(status, isLogin(state));
		}
	}

	/** The engine's part, timed per mount and operation as Vault's router times it. */
	private void dispatchMeasured(RequestState state) {
		long start = System.nanoTime();
		try {
			this.dispatch.apply(state);
		}
		finally {
			this.routeMetrics.record(state.logical().operation().vaultName(), state.route().mount().path(), start);
		}
	}

	/**
	 * The status the client gets for a failure, as the error handlers map it; 0 for a
	 * standby's refusal of a request that wrote nothing, which the gateway sends again to
	 * the active node (the client never sees it).
	 */
	static int statusOf(RuntimeException failure) {
		if (failure instanceof VaultException vault) {
			return vault.status();
		}
		if (failure instanceof SealedException) {
			return 503;
		}
		if (failure instanceof StandbyException) {
			return RequestWrites.attempted() ? 503 : 0;
		}
		return 500;
	}

	/** A request to an auth method's login path (its caller is the login stand-in). */
	private static boolean isLogin(RequestState state) {
		Caller caller = state.callerOrNull();
		return caller != null && caller.entry().isLoginCaller() && state.path().startsWith("auth/");
	}

	/** What Vault audits of a request that failed in the step at {@code step}. */
	private AuditResponse.Refusal refusal(int step, RuntimeException failure) {
		if (step >= this.firstAudited) {
			return AuditResponse.Refusal.REQUEST_AND_RESPONSE;
		}
		if (this.steps.get(step) == this.rateLimit && failure instanceof VaultException refused
				&& refused.status() == 429 && this.rateLimit.auditsRefusals()) {
			return AuditResponse.Refusal.REQUEST;
		}
		return AuditResponse.Refusal.NONE;
	}

}
