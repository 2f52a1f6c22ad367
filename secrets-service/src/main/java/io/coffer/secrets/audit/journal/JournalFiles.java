package io.coffer.secrets.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a journal directory: its id (made once, when the directory is new), its segments
 * indexed, and the chains' state after the last durable entry. A torn last entry (the
 * node died mid-write, before the entry's fsync, so nobody was told it was durable) is
 * cut off; its bytes are kept beside the segment as {@code torn-<seq>.bin} rather than
 * destroyed, in case they were not a crash's leftovers.
 */
final class JournalFiles {

	static final String ID_FILE = "journal-id";

	private static final Logger log = LoggerFactory.getLogger(JournalFiles.class);

	private JournalFiles() {
	}

	record Opened(String id, List<Segment> segments, ChainState chain) {
	}

	static Opened open(Path dir, SecureRandom random) throws IOException {
		Files.createDirectories(dir);
		String id = readOrCreateId(dir, random);
		List<Segment> segments = new ArrayList<>();
		ChainState chain = new ChainState(1, new byte[StoredRecord.HASH_BYTES], Map.of());
		List<Path> files = segmentFiles(dir);
		for (int i = 0; i < files.size(); i++) {
			ScannedSegment scanned = scan(files.get(i), i == files.size() - 1);
			if (scanned != null) {
				segments.add(scanned.segment());
				chain = scanned.chainAfter();
			}
		}
		return new Opened(id, segments, chain);
	}

	static List<Path> segmentFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((p) -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
		}
	}

	static void forceDirectory(Path dir) throws IOException {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static String readOrCreateId(Path dir, SecureRandom random) throws IOException {
		Path file = dir.resolve(ID_FILE);
		if (Files.exists(file)) {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		String id = HexFormat.of().formatHex(bytes);
		Path temporary = dir.resolve(ID_FILE + ".tmp");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.write(ByteBuffer.wrap(id.getBytes(StandardCharsets.UTF_8)));
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		forceDirectory(dir);
		return id;
	}

	/** A segment with the chain state after its last intact entry. */
	private record ScannedSegment(Segment segment, ChainState chainAfter) {
	}

	private static ScannedSegment scan(Path file, boolean last) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long size = channel.size();
			byte[] headerBytes = Frames.read(channel, 0, size);
			if (headerBytes == null) {
				if (last) {
					// the node died while creating this segment: nothing in it was ever
					// acknowledged
					log.warn("Dropping audit journal segment {} with a torn header", file.getFileName());
					channel.close();
					Files.delete(file);
					return null;
				}
				throw new IOException("audit journal segment " + file.getFileName() + " has a damaged header");
			}
			SegmentHeader header = SegmentHeader.decode(headerBytes);
			long position = Frames.HEADER + headerBytes.length;
			Segment segment = new Segment(file, header, position);
			ChainState chain = new ChainState(header.firstSeq(), header.prev(), header.heads());
			while (position < size) {
				byte[] payload = Frames.read(channel, position, size);
				StoredRecord stored = (payload != null) ? decodeOrNull(payload) : null;
				if (stored == null || stored.seq() != chain.nextSeq) {
					long after = damagedInPlace(channel, position, size, chain.nextSeq);
					if (after > 0) {
						// altered, not torn: an intact entry follows, so nothing is cut;
						// verify names it
						log.warn("Audit journal entry {} in {} is damaged; verify reports it", chain.nextSeq,
								file.getFileName());
						segment.added(position, java.util.Set.of(), after);
						chain.nextSeq++;
						position = after;
						continue;
					}
					if (last) {
						cutTail(file, channel, position, chain.nextSeq);
					}
					else {
						log.warn("Audit journal segment {} is damaged at entry {}; verify reports it",
								file.getFileName(), chain.nextSeq);
					}
					break;
				}
				long next = position + Frames.HEADER + payload.length;
				segment.added(position, stored.lines().keySet(), next);
				chain.advance(stored, payload);
				position = next;
			}
			return new ScannedSegment(segment, chain);
		}
	}

	/**
	 * Where the entry after a damaged one starts, when its length field still points at
	 * an intact entry with the next sequence number; 0 when not (a torn tail).
	 */
	private static long damagedInPlace(FileChannel channel, long position, long size, long seq) throws IOException {
		if (position + Frames.HEADER > size) {
			return 0;
		}
		ByteBuffer header = ByteBuffer.allocate(Frames.HEADER);
		Frames.readFully(channel, header, position);
		long length = header.getInt(0);
		long after = position + Frames.HEADER + length;
		if (length <= 0 || after >= size) {
			return 0;
		}
		byte[] next = Frames.read(channel, after, size);
		StoredRecord following = (next != null) ? decodeOrNull(next) : null;
		return (following != null && following.seq() == seq + 1) ? after : 0;
	}

	private static StoredRecord decodeOrNull(byte[] payload) {
		try {
			return StoredRecord.decode(ByteBuffer.wrap(payload));
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static void cutTail(Path file, FileChannel channel, long position, long seq) throws IOException {
		long size = channel.size();
		Path kept = file.resolveSibling("torn-" + seq + ".bin");
		try (FileChannel out = FileChannel.open(kept, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			channel.transferTo(position, size - position, out);
			out.force(true);
		}
		channel.truncate(position);
		channel.force(true);
		log.warn("Cut a torn entry off the audit journal at entry {} ({} bytes kept in {})", seq, size - position,
				kept.getFileName());
	}

}
