package io.coffer.secrets.storage.replicated;

import com.hazelcast.core.IFunction;

/**
 * Stores a committed entry in its ring slot unless the slot already holds this entry or a
 * later one, so a slow or deposed node can never move a slot backwards.
 */
final class ArchiveIfNewer implements IFunction<byte[], byte[]> {

	private static final long serialVersionUID = 1L;

	private final byte[] entry;

	ArchiveIfNewer(byte[] entry) {
		this.entry = entry;
	}

	@Override
	public byte[] apply(byte[] stored) {
		if (stored == null) {
			return this.entry;
		}
		LogCodec.Header current = LogCodec.header(stored);
		LogCodec.Header next = LogCodec.header(this.entry);
		return (current.position().compareTo(next.position()) < 0) ? this.entry : stored;
	}

}
