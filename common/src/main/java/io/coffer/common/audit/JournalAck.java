package io.coffer.common.audit;

/**
 * A device's lines up to {@code seq} are durable at the device ({@code POST
 * /internal/audit/journal/ack}); sent by the claim's holder only. A device no longer
 * enabled is acked up to the head, so its lines are dropped.
 *
 * @param journal the journal's id (an ack for another journal is refused: the directory
 * was replaced)
 * @param instance the acking instance (must hold the claim)
 * @param device the device path
 * @param seq delivered up to and including this position
 */
public record JournalAck(String journal, String instance, String device, long seq) {
}
