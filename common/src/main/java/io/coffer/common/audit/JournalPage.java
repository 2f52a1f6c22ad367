package io.coffer.common.audit;

import java.util.List;

/**
 * A device's lines after a position ({@code GET /internal/audit/journal/lines}).
 *
 * @param journal the journal's id
 * @param lines the device's lines, in order (entries without a line for the device are
 * skipped)
 * @param next the position to ack once {@code lines} are durable at the device, and to
 * ask after next (it may pass the last line's seq when entries were skipped)
 * @param head the newest entry's sequence number
 */
public record JournalPage(String journal, List<JournalLine> lines, long next, long head) {

	public JournalPage {
		lines = List.copyOf(lines);
	}

}
