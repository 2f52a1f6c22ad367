package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import io.coffer.common.audit.ChainReport;

/**
 * Walks a journal's segments from disk and checks every link: each frame's checksum, each
 * entry's position and {@code prev} (the hash of the entry before), each segment header
 * against the entries before it, and each device line's {@code coffer_chain} against the
 * device's previous line. Reports the first break, by sequence number. Only entries up to
 * the durable head are checked (the writer may be mid-write past it).
 */
final class JournalVerifier {

	private final String journal;

	private final long head;

	private ChainState chain;

	private long checked;

	JournalVerifier(String journal, long head) {
		this.journal = journal;
		this.head = head;
	}

	ChainReport verify(List<Path> files) throws IOException {
		for (Path file : files) {
			ChainReport broken;
			try {
				broken = verifySegment(file);
			}
			catch (NoSuchFileException ex) {
				// dropped since the listing (every device had it): the chain starts at
				// the next
				this.chain = null;
				continue;
			}
			if (broken != null) {
				return broken;
			}
		}
		return ChainReport.intact(this.checked);
	}

	private ChainReport verifySegment(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			byte[] headerBytes = Frames.read(channel, 0, size);
			long expected = (this.chain != null) ? this.chain.nextSeq : -1;
			if (headerBytes == null) {
				return broken(expected, "segment " + file.getFileName() + ": damaged header");
			}
			SegmentHeader header = SegmentHeader.decode(headerBytes);
			if (!this.journal.equals(header.journal())) {
				return broken(header.firstSeq(), "segment " + file.getFileName() + " belongs to another journal");
			}
			if (this.chain != null && (header.firstSeq() != this.chain.nextSeq
					|| !MessageDigest.isEqual(header.prev(), this.chain.prev) || !header.heads().equals(heads()))) {
				return broken(this.chain.nextSeq,
						"segment " + file.getFileName() + " does not follow the entry before");
			}
			this.chain = new ChainState(header.firstSeq(), header.prev(), header.heads());
			long position = Frames.HEADER + headerBytes.length;
			while (position < size && this.chain.nextSeq <= this.head) {
				long seq = this.chain.nextSeq;
				byte[] payload = Frames.read(channel, position, size);
				if (payload == null) {
					return broken(seq, "checksum mismatch (the entry's bytes were altered or torn)");
				}
				ChainReport broken = check(StoredRecord.decode(ByteBuffer.wrap(payload)), seq);
				if (broken != null) {
					return broken;
				}
				this.chain.advance(StoredRecord.decode(ByteBuffer.wrap(payload)), payload);
				this.checked++;
				position += Frames.HEADER + payload.length;
			}
			return null;
		}
	}

	private ChainReport check(StoredRecord stored, long seq) {
		if (stored.seq() != seq) {
			return broken(seq, "entry out of sequence (found " + stored.seq() + ")");
		}
		if (!MessageDigest.isEqual(stored.prev(), this.chain.prev)) {
			return broken(seq, "prev does not match the hash of entry " + (seq - 1));
		}
		for (Map.Entry<String, String> line : stored.lines().entrySet()) {
			String field = ChainField.field(this.journal, seq, this.chain.heads.getOrDefault(line.getKey(), ""));
			if (!line.getValue().endsWith(field + "}")) {
				return broken(seq, "the coffer_chain of device " + line.getKey() + " does not match its previous line");
			}
		}
		return null;
	}

	private Map<String, String> heads() {
		return new java.util.TreeMap<>(this.chain.heads);
	}

	private ChainReport broken(long seq, String reason) {
		return new ChainReport(false, this.checked, this.journal, seq, null, reason);
	}

}
