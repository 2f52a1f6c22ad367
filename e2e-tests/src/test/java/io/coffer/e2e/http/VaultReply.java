package io.coffer.e2e.http;

import java.net.http.HttpHeaders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One raw HTTP answer from the gateway: status, headers and the body as sent, so that
 * tests can assert on the exact wire format real Vault clients depend on.
 */
public record VaultReply(int status, HttpHeaders headers, String body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public JsonNode json() {
		return JSON.readTree(this.body);
	}

	public String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	@Override
	public String toString() {
		// Bodies may carry secrets or tokens; a failed assertion should show the status
		// only.
		return "VaultReply[status=" + this.status + "]";
	}

}
