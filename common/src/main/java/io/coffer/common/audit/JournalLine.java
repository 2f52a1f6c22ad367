package io.coffer.common.audit;

/**
 * One device's line of one journal entry.
 *
 * @param seq the entry's sequence number in its journal (strictly increasing)
 * @param requestId the request's id (the Kafka key)
 * @param line the device's line: Vault's JSON entry (HMAC'd unless {@code log_raw}), with
 * Coffer's {@code coffer_chain} field; no prefix, no newline
 */
public record JournalLine(long seq, String requestId, String line) {

	@Override
	public String toString() {
		return "JournalLine[seq=" + this.seq + "]";
	}

}
