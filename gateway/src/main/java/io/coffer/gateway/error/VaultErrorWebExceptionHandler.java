package io.coffer.gateway.error;

import java.util.List;
import java.util.Locale;

import io.coffer.common.VaultErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The gateway's one mapping from an exception to a response: Vault's
 * {@code {"errors":[...]}} envelope with Vault's status codes. Messages are fixed texts,
 * never an exception's own message, so no request content can leak into an answer (the
 * exceptions, {@link SealIncompleteException}, {@link InvalidRequestException} and
 * {@link OwnerUnavailableException}, are built from fixed texts, node addresses and
 * configured service names only).
 */
public class VaultErrorWebExceptionHandler implements WebExceptionHandler, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(VaultErrorWebExceptionHandler.class);

	private final JsonMapper json;

	public VaultErrorWebExceptionHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(error);
		}
		VaultError mapped = map(error);
		response.getHeaders().clear();
		response.setStatusCode(mapped.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setCacheControl("no-store");
		byte[] body = this.json.writeValueAsBytes(new VaultErrorBody(mapped.messages()));
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	private static VaultError map(Throwable error) {
		if (error instanceof NoActiveNodeException) {
			return new VaultError(HttpStatus.SERVICE_UNAVAILABLE, List.of(NoActiveNodeException.MESSAGE));
		}
		if (error instanceof SealIncompleteException incomplete) {
			logger.warn(incomplete.getMessage());
			return new VaultError(HttpStatus.INTERNAL_SERVER_ERROR, List.of(incomplete.getMessage()));
		}
		if (error instanceof RequestTooLargeException) {
			return new VaultError(HttpStatus.PAYLOAD_TOO_LARGE, List.of(RequestTooLargeException.MESSAGE));
		}
		if (error instanceof ForwardedForRejectedException rejected) {
			// Fixed texts built from the gateway's settings, never from the header's
			// value.
			return new VaultError(HttpStatus.BAD_REQUEST, List.of(rejected.getMessage()));
		}
		if (error instanceof PermissionDeniedException) {
			return new VaultError(HttpStatus.FORBIDDEN, List.of(PermissionDeniedException.MESSAGE));
		}
		if (error instanceof InvalidRequestException invalid) {
			return new VaultError(HttpStatus.BAD_REQUEST, List.of(invalid.getMessage()));
		}
		if (error instanceof OwnerUnavailableException unavailable) {
			logger.warn("{}: {}", unavailable.getMessage(), String.valueOf(unavailable.getCause()));
			return new VaultError(HttpStatus.SERVICE_UNAVAILABLE, List.of(unavailable.getMessage()));
		}
		if (error instanceof ResponseStatusException statusError) {
			return fromStatus(statusError.getStatusCode());
		}
		logger.error("Request failed in the gateway", error);
		return new VaultError(HttpStatus.INTERNAL_SERVER_ERROR, List.of("internal error"));
	}

	private static VaultError fromStatus(HttpStatusCode status) {
		if (status.value() == HttpStatus.NOT_FOUND.value()) {
			// Vault answers an unknown path with an empty error list.
			return new VaultError(status, List.of());
		}
		if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
			return new VaultError(status, List.of("timed out waiting for the secrets node"));
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		String text = (known != null) ? known.getReasonPhrase().toLowerCase(Locale.ROOT) : "request failed";
		return new VaultError(status, List.of(text));
	}

	@Override
	public int getOrder() {
		// Ahead of Boot's ErrorWebExceptionHandler (-1), which would answer in its own
		// shape.
		return -2;
	}

	private record VaultError(HttpStatusCode status, List<String> messages) {
	}

}
