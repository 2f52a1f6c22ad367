package io.coffer.gateway.error;

/**
 * A request the gateway cannot put to the active node's authorization (a {@code list}
 * query value that is no boolean, a body that is no JSON object): 400 with a fixed text
 * naming what is wrong, never the request's content.
 */
public class InvalidRequestException extends RuntimeException {

	public InvalidRequestException(String fixedMessage) {
		super(fixedMessage, null, false, false);
	}

}
