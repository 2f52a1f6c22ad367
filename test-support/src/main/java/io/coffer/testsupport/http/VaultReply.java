package io.coffer.testsupport.http;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;

/**
 * One raw HTTP answer: status, headers and the body as sent, so that tests can assert on
 * the exact wire format real Vault clients depend on.
 *
 * @param request method and path it answers ({@code "GET /v1/sys/health"}, no query), for
 * failure messages
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as received
 */
public record VaultReply(String request, int status, HttpHeaders headers, String body) {

	static String requestLine(String method, String path) {
		int query = path.indexOf('?');
		return method + " /v1/" + ((query < 0) ? path : path.substring(0, query));
	}

	public JsonNode json() {
		return Json.MAPPER.readTree(this.body);
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	public boolean isSuccess() {
		return this.status / 100 == 2;
	}

	/**
	 * This reply if its status is 2xx; otherwise an {@link UnexpectedStatusException}
	 * naming the status and the request (never the body, which may echo secrets).
	 */
	public VaultReply requireSuccess() {
		if (!isSuccess()) {
			throw new UnexpectedStatusException(this.status, this.request);
		}
		return this;
	}

	@Override
	public String toString() {
		// Bodies may carry secrets or tokens; a failed assertion shows the status only.
		return "VaultReply[" + this.request + " -> " + this.status + "]";
	}

}
