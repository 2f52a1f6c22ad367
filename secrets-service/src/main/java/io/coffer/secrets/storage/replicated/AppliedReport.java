package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a node broadcasts after each apply (and periodically): how far its replica is, and
 * where to reach it, with an HMAC under the log key over all three ({@code mac} is null
 * from a node without the key, i.e. sealed). A node holding the key counts only reports
 * whose MAC verifies.
 */
record AppliedReport(String nodeId, UUID member, Position position, byte[] mac) implements Serializable {

	AppliedReport(String nodeId, UUID member, Position position) {
		this(nodeId, member, position, null);
	}

	/** What the MAC covers. */
	byte[] body() {
		byte[] id = this.nodeId.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + id.length + 16 + 24)
			.putInt(id.length)
			.put(id)
			.putLong(this.member.getMostSignificantBits())
			.putLong(this.member.getLeastSignificantBits())
			.putLong(this.position.epoch().ordinal())
			.putLong(this.position.epoch().id())
			.putLong(this.position.index())
			.array();
	}

	AppliedReport signed(LogAuth auth) {
		return new AppliedReport(this.nodeId, this.member, this.position, auth.signReport(body()));
	}

	@Override
	public String toString() {
		return "AppliedReport[" + this.nodeId + ", " + this.member + ", " + this.position + "]";
	}

}
