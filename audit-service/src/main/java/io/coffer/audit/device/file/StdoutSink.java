package io.coffer.audit.device.file;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;
import io.coffer.audit.device.StreamLines;

/**
 * {@code file_path=stdout}: the lines on the process's standard output, flushed per batch
 * (not through {@code System.out}, which a logging setup may have replaced).
 */
class StdoutSink implements AuditSink {

	private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

	private final String prefix;

	StdoutSink(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public void testWrite() {
	}

	@Override
	public void write(List<DeliveredLine> lines) throws IOException {
		synchronized (STDOUT) {
			STDOUT.write(StreamLines.encode(this.prefix, lines));
			STDOUT.flush();
		}
	}

	@Override
	public void close() {
	}

}
