package io.coffer.audit.device;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * One enabled audit device's output (a file, a socket, syslog, an HTTP endpoint, a Kafka
 * topic), made by its type's {@link AuditSinkFactory}. One sink per enabled device,
 * shared by the deliveries of every node's journal: calls may come from several threads
 * (one per journal), so a sink serializes them itself. The lines of one journal come in
 * order; a batch that failed is written again from its start (a sink may see a line twice
 * after a failure, never out of order).
 */
public interface AuditSink extends Closeable {

	/**
	 * Proves the device can be written to, when it is enabled: a failure answers 400 and
	 * nothing is enabled. Must not leave a line the device's reader would take for an
	 * entry (Vault's file device only opens the file).
	 * @throws IOException the device cannot be written to; the message is shown to the
	 * operator (no secret in it)
	 */
	void testWrite() throws IOException;

	/**
	 * Writes lines, each with the device's {@code prefix} before it (and a newline after
	 * it for stream sinks), and returns once they are durable at the device.
	 * @param lines the lines in journal order
	 * @throws IOException nothing can be said about which lines arrived: the batch is
	 * written again later
	 */
	void write(List<DeliveredLine> lines) throws IOException;

}
