package io.coffer.secrets.audit.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far each device was delivered (acked), in the journal directory's {@code cursors}
 * file: rewritten whole on each ack, fsynced and renamed into place, so a crash leaves
 * the old or the new positions, never a mix. A position only moves forward.
 */
final class Cursors {

	static final String FILE = "cursors";

	private final Path file;

	private final Map<String, Long> delivered = new TreeMap<>();

	private Cursors(Path file) {
		this.file = file;
	}

	static Cursors open(Path dir) throws IOException {
		Cursors cursors = new Cursors(dir.resolve(FILE));
		if (Files.exists(cursors.file)) {
			byte[] framed = Files.readAllBytes(cursors.file);
			try (FileChannel channel = FileChannel.open(cursors.file, StandardOpenOption.READ)) {
				byte[] payload = Frames.read(channel, 0, framed.length);
				if (payload == null) {
					throw new IOException("the audit journal's cursors file is damaged");
				}
				DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
				int count = in.readInt();
				for (int i = 0; i < count; i++) {
					cursors.delivered.put(StoredRecord.readString(in), in.readLong());
				}
			}
		}
		return cursors;
	}

	synchronized long delivered(String device) {
		return this.delivered.getOrDefault(device, 0L);
	}

	synchronized Map<String, Long> all() {
		return Map.copyOf(this.delivered);
	}

	/** Moves a device's position forward (durably); false when it was already there. */
	synchronized boolean advance(String device, long seq) throws IOException {
		if (seq <= delivered(device)) {
			return false;
		}
		Map<String, Long> next = new TreeMap<>(this.delivered);
		next.put(device, seq);
		write(next);
		this.delivered.put(device, seq);
		return true;
	}

	private void write(Map<String, Long> positions) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(positions.size());
			for (Map.Entry<String, Long> position : positions.entrySet()) {
				StoredRecord.writeString(out, position.getKey());
				out.writeLong(position.getValue());
			}
		}
		Path temporary = this.file.resolveSibling(FILE + ".tmp");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer frame = Frames.frame(bytes.toByteArray());
			while (frame.hasRemaining()) {
				channel.write(frame);
			}
			channel.force(true);
		}
		Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		JournalFiles.forceDirectory(this.file.getParent());
	}

}
