package io.coffer.audit.device;

/**
 * One device's line of one journal entry, as delivery hands it to an {@link AuditSink}.
 *
 * @param journal the id of the node journal the line comes from
 * @param node the name of the node that journaled it
 * @param seq the entry's sequence number in that journal (increasing)
 * @param requestId the request's id (e.g. a Kafka key)
 * @param line the device's line: Vault's JSON entry with Coffer's {@code coffer_chain}
 * field; no prefix, no newline
 */
public record DeliveredLine(String journal, String node, long seq, String requestId, String line) {

	@Override
	public String toString() {
		return "DeliveredLine[journal=" + this.journal + ", node=" + this.node + ", seq=" + this.seq + "]";
	}

}
