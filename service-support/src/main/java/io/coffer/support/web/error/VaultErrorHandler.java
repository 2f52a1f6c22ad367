package io.coffer.support.web.error;

import java.util.List;

import io.coffer.common.VaultErrorBody;
import io.coffer.support.error.VaultErrorException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The exception-to-response mapping every Coffer servlet service shares, in Vault's
 * envelope: a {@link VaultErrorException} with its own status and messages, a query with
 * a bad {@code %} escape 400, an unsupported method 405, anything else 500
 * {@code internal error}. Messages of unexpected errors never reach the client: they
 * might carry data.
 * <p>
 * Ordered last: a service maps its own exceptions in an advice ordered before this one
 * (any {@code @Order} below {@link Ordered#LOWEST_PRECEDENCE}); whatever that advice does
 * not handle falls through to here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class VaultErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(VaultErrorHandler.class);

	/**
	 * Vault's answer for {@code status} and {@code errors}: JSON
	 * {@code {"errors":[...]}}.
	 */
	public static ResponseEntity<Object> response(int status, List<String> errors) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new VaultErrorBody(errors));
	}

	@ExceptionHandler(VaultErrorException.class)
	ResponseEntity<Object> vault(VaultErrorException ex) {
		return response(ex.status(), ex.errors());
	}

	/**
	 * Tomcat refuses to decode a query with a bad {@code %} escape when a controller asks
	 * for its parameters (e.g. {@code sys/health}).
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> badQuery(InvalidParameterException ex) {
		return response(400, List.of("invalid URL escape in the query"));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Object> method(HttpRequestMethodNotSupportedException ex) {
		return response(405, List.of("unsupported operation"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected error handling a request ({})", ex.getClass().getName(), ex);
		return response(500, List.of("internal error"));
	}

}
