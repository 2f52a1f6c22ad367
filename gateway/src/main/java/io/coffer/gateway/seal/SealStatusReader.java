package io.coffer.gateway.seal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code sealed} flag of a seal-status answer (which is also what
 * {@code sys/unseal} returns).
 */
public class SealStatusReader {

	private final JsonMapper json;

	public SealStatusReader(JsonMapper json) {
		this.json = json;
	}

	public boolean isUnsealed(NodeReply reply) {
		if (!reply.isSuccess() || reply.body().length == 0) {
			return false;
		}
		try {
			JsonNode sealed = this.json.readTree(reply.body()).path("sealed");
			return sealed.isBoolean() && !sealed.booleanValue();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
