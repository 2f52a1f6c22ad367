package io.coffer.secrets.audit.journal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One segment file as the journal indexes it in memory: where each of its entries starts,
 * the devices that have lines in it and its size. Guarded by the journal's index lock.
 */
final class Segment {

	final Path path;

	final SegmentHeader header;

	private long[] offsets = new long[64];

	private int count;

	private long size;

	private final Set<String> devices = new HashSet<>();

	Segment(Path path, SegmentHeader header, long size) {
		this.path = path;
		this.header = header;
		this.size = size;
	}

	static String fileName(long firstSeq) {
		return String.format("%020d.seg", firstSeq);
	}

	long firstSeq() {
		return this.header.firstSeq();
	}

	/** The last entry's sequence number, {@code firstSeq - 1} when empty. */
	long lastSeq() {
		return this.header.firstSeq() + this.count - 1;
	}

	int count() {
		return this.count;
	}

	long size() {
		return this.size;
	}

	Set<String> devices() {
		return this.devices;
	}

	long offset(long seq) {
		return this.offsets[(int) (seq - this.header.firstSeq())];
	}

	void added(long offset, Set<String> lineDevices, long newSize) {
		if (this.count == this.offsets.length) {
			this.offsets = Arrays.copyOf(this.offsets, this.count * 2);
		}
		this.offsets[this.count++] = offset;
		this.devices.addAll(lineDevices);
		this.size = newSize;
	}

}
