package io.coffer.secrets.storage.replicated;

import com.hazelcast.core.IFunction;

/**
 * The CP function that appends to the log head. It runs inside the CP group, so the check
 * and the write are one linearizable step: an entry is accepted only as the direct
 * successor of the stored head, in the same epoch, with a fence at least the head's. A
 * deposed active therefore can never replace a committed entry nor append after a newer
 * active has written once, and there is exactly one entry per index. Only a genesis entry
 * may start an empty log.
 */
final class AppendIfNext implements IFunction<byte[], byte[]> {

	private static final long serialVersionUID = 1L;

	private final byte[] proposed;

	AppendIfNext(byte[] proposed) {
		this.proposed = proposed;
	}

	@Override
	public byte[] apply(byte[] stored) {
		return accepts(stored, this.proposed) ? this.proposed : stored;
	}

	static boolean accepts(byte[] stored, byte[] proposed) {
		LogCodec.Header next = LogCodec.header(proposed);
		if (stored == null) {
			return next.genesis();
		}
		LogCodec.Header head = LogCodec.header(stored);
		return !next.genesis() && next.epoch().equals(head.epoch()) && next.index() == head.index() + 1
				&& next.fence() >= head.fence();
	}

}
