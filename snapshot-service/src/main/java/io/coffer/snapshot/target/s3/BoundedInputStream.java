package io.coffer.snapshot.target.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code limit} bytes of a stream: one part of a snapshot file. */
final class BoundedInputStream extends FilterInputStream {

	private long left;

	BoundedInputStream(InputStream in, long limit) {
		super(in);
		this.left = limit;
	}

	@Override
	public int read() throws IOException {
		if (this.left <= 0) {
			return -1;
		}
		int read = super.read();
		if (read >= 0) {
			this.left--;
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.left <= 0) {
			return -1;
		}
		int read = super.read(buffer, offset, (int) Math.min(length, this.left));
		if (read > 0) {
			this.left -= read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(Math.min(n, this.left));
		this.left -= skipped;
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return (int) Math.min(super.available(), this.left);
	}

	@Override
	public boolean markSupported() {
		return false;
	}

}
