package io.coffer.common.audit;

import java.util.Map;

/**
 * A node's journal at a glance ({@code GET /internal/audit/journal}).
 *
 * @param journal the journal's id (random, made when the journal directory is created)
 * @param node the node's name
 * @param head the sequence number of the newest entry (0: none yet)
 * @param delivered by device path, for every device that has lines in the journal: the
 * position delivered up to (acked); lines after it are the device's backlog
 * @param writable false when the journal refuses appends (unwritable, full), so the node
 * refuses requests
 * @param bytes the journal's size on disk
 */
public record JournalState(String journal, String node, long head, Map<String, Long> delivered, boolean writable,
		long bytes) {

	public JournalState {
		delivered = (delivered != null) ? Map.copyOf(delivered) : Map.of();
	}

}
