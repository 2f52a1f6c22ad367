package io.coffer.audit.verify;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A line's {@code coffer_chain} field: the journal it comes from, its sequence number
 * there, and the hash of the journal's previous line for this device.
 */
record ChainLink(String journal, long seq, String prev) {

	/** The line's link, or null when the line is no JSON object with a valid one. */
	static ChainLink parse(byte[] entry) {
		JsonNode chain;
		try {
			chain = JsonMapper.shared().readTree(entry).path("coffer_chain");
		}
		catch (JacksonException ex) {
			return null;
		}
		JsonNode journal = chain.path("journal");
		JsonNode seq = chain.path("seq");
		JsonNode prev = chain.path("prev");
		if (!journal.isString() || !seq.isIntegralNumber() || !prev.isString()) {
			return null;
		}
		return new ChainLink(journal.asString(), seq.asLong(), prev.asString());
	}

}
