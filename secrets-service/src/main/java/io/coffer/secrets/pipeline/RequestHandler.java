package io.coffer.secrets.pipeline;

import java.util.List;

import io.coffer.secrets.http.VaultHttpRequest;

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
 * <li>{@code dispatch} ({@link Dispatch}): the engine answers;</li>
 * <li>{@code register lease} ({@link RegisterLease}): a secret the engine issued gets its
 * lease from lease-service, or is revoked and the request fails; a token issued or
 * renewed with a TTL gets the lease that expires it;</li>
 * <li>{@code wrap} ({@link Wrap}): the HTTP response, wrapped when asked.</li>
 * </ol>
 * Where the coming services plug in, as in Vault's request handling: the audit of the
 * request goes between {@code authorize} and {@code dispatch} (fail-closed: nothing runs
 * that could not be audited), and the audit of the response after {@code wrap} (the
 * client's response is what gets audited). Each will be one more {@link RequestStep} in
 * the constructor's list.
 */
@Service
public class RequestHandler {

	private final List<RequestStep> steps;

	RequestHandler(RawSysPathGate rawSysPaths, SealGate sealGate, HaGate haGate, PathGate pathCheck,
			RateLimitGate rateLimit, Authenticate authenticate, Routing route, ExistenceCheck existenceCheck,
			Authorize authorize, Dispatch dispatch, RegisterLease registerLease, Wrap wrap) {
		this.steps = List.of(rawSysPaths, sealGate, haGate, pathCheck, rateLimit, authenticate, route, existenceCheck,
				authorize, dispatch, registerLease, wrap);
	}

	public ResponseEntity<Object> handle(VaultHttpRequest request) {
		RequestState state = new RequestState(request);
		for (RequestStep step : this.steps) {
			step.apply(state);
		}
		return state.result();
	}

}
