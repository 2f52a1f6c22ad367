package io.coffer.common.snapshotauto;

/**
 * A check-and-set claim of one schedule tick of a configuration: the node grants it only
 * when {@code tick} is greater than the tick last claimed, and records it, so exactly one
 * snapshot-service instance takes the snapshot of each tick.
 *
 * @param tick the tick asked for; in the answer, the tick now recorded
 * @param granted in the answer: whether the asker got it
 */
public record TickClaim(long tick, boolean granted) {
}
