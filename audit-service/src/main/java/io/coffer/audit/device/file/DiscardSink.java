package io.coffer.audit.device.file;

import java.util.List;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.DeliveredLine;

/** {@code file_path=discard}: every line is accepted and dropped. */
class DiscardSink implements AuditSink {

	@Override
	public void testWrite() {
	}

	@Override
	public void write(List<DeliveredLine> lines) {
	}

	@Override
	public void close() {
	}

}
