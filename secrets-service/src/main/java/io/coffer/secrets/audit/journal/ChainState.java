package io.coffer.secrets.audit.journal;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the chains stand after the last durable entry: the next sequence number, the hash
 * of the last entry and each device's last line hash. Owned by the journal's writer.
 */
final class ChainState {

	long nextSeq;

	byte[] prev;

	final Map<String, String> heads;

	ChainState(long nextSeq, byte[] prev, Map<String, String> heads) {
		this.nextSeq = nextSeq;
		this.prev = prev;
		this.heads = new HashMap<>(heads);
	}

	ChainState copy() {
		return new ChainState(this.nextSeq, this.prev, this.heads);
	}

	/** Chains one entry on: its stored form, with each line's {@code coffer_chain}. */
	StoredRecord next(String journal, long timeMillis, AuditRecord record) {
		Map<String, String> lines = new java.util.TreeMap<>();
		for (Map.Entry<String, String> line : record.lines().entrySet()) {
			lines.put(line.getKey(), ChainField.splice(line.getValue(), journal, this.nextSeq,
					this.heads.getOrDefault(line.getKey(), "")));
		}
		return new StoredRecord(this.nextSeq, timeMillis, this.prev, record.type(), record.requestId(), lines);
	}

	/** Moves past an entry whose payload was {@code payload}. */
	void advance(StoredRecord stored, byte[] payload) {
		this.nextSeq = stored.seq() + 1;
		this.prev = ChainField.sha256(payload);
		stored.lines().forEach((device, line) -> this.heads.put(device, ChainField.hash(line)));
	}

}
