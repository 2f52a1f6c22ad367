package io.coffer.secrets.http;

import java.util.List;

import io.coffer.common.VaultHeaders;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.barrier.SealedException;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.RequestWrites;
import io.coffer.secrets.storage.StandbyException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one exception-to-response mapping of this service. Messages of unexpected errors
 * never reach the client: they might carry data, so the client gets Vault's
 * {@code internal error}.
 */
@RestControllerAdvice
public class ErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

	/** The error of a request cut off by a failover after it had written. */
	static final String LOST_ACTIVE_ROLE = "this node lost the active role during the request, "
			+ "which may have been partly applied; check its outcome before repeating it";

	@ExceptionHandler(VaultException.class)
	ResponseEntity<Object> vault(VaultException ex) {
		return ResponseWriter.error(ex.status(), ex.errors());
	}

	@ExceptionHandler(SealedException.class)
	ResponseEntity<Object> sealed(SealedException ex) {
		return ResponseWriter.error(503, List.of("Vault is sealed"));
	}

	/**
	 * A standby refusal of a request that wrote nothing is marked "not executed": the
	 * gateway sends it again to the active node and clients never see it. A request that
	 * lost the active role after a storage write may be partly applied (a SecretID or
	 * token use taken), so its error goes to the client and the gateway never replays it.
	 */
	@ExceptionHandler(StandbyException.class)
	ResponseEntity<Object> standby(StandbyException ex) {
		if (RequestWrites.attempted()) {
			log.warn("A request lost the active role after a storage write; its outcome is unknown: {}",
					ex.getMessage());
			return ResponseWriter.error(503, List.of(LOST_ACTIVE_ROLE));
		}
		return ResponseEntity.status(503)
			.header(VaultHeaders.COFFER_NOT_EXECUTED, "true")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new io.coffer.common.VaultErrorBody(
					List.of("this node is a standby; no active Vault instance here")));
	}

	@ExceptionHandler(BarrierException.class)
	ResponseEntity<Object> barrier(BarrierException ex) {
		log.error("Barrier integrity failure: {}", ex.getMessage());
		return ResponseWriter.error(500, List.of("internal error"));
	}

	/**
	 * Tomcat refuses to decode a query with a bad {@code %} escape when a controller asks
	 * for its parameters (e.g. {@code sys/health}).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> badQuery(InvalidParameterException ex) {
		return ResponseWriter.error(400, List.of("invalid URL escape in the query"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Object> method(HttpRequestMethodNotSupportedException ex) {
		return ResponseWriter.error(405, List.of("unsupported operation"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected error handling a request ({})", ex.getClass().getName(), ex);
		return ResponseWriter.error(500, List.of("internal error"));
	}

}
