package io.coffer.secrets.audit.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first frame of each segment file: the journal it belongs to, the sequence number of
 * its first entry, the hash of the entry before it and each device's last line hash at
 * that point, so the chains carry on (and can be checked) after older segments are
 * dropped and across restarts.
 */
record SegmentHeader(String journal, long firstSeq, byte[] prev, Map<String, String> heads) {

	private static final int MAGIC = 0x43414a31; // "CAJ1"

	SegmentHeader {
		heads = new TreeMap<>(heads);
	}

	byte[] encode() {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(MAGIC);
			out.writeUTF(this.journal);
			out.writeLong(this.firstSeq);
			out.write(this.prev);
			out.writeInt(this.heads.size());
			for (Map.Entry<String, String> head : this.heads.entrySet()) {
				StoredRecord.writeString(out, head.getKey());
				out.writeUTF(head.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static SegmentHeader decode(byte[] payload) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
		if (in.readInt() != MAGIC) {
			throw new IOException("not an audit journal segment");
		}
		String journal = in.readUTF();
		long firstSeq = in.readLong();
		byte[] prev = in.readNBytes(StoredRecord.HASH_BYTES);
		int count = in.readInt();
		Map<String, String> heads = new TreeMap<>();
		for (int i = 0; i < count; i++) {
			heads.put(StoredRecord.readString(in), in.readUTF());
		}
		return new SegmentHeader(journal, firstSeq, prev, heads);
	}

}
