package io.coffer.common.snapshotauto;

import java.util.Map;

/**
 * Creates or replaces a configuration. The status of an existing one is kept; the claimed
 * tick is set to {@code claimedTick}, so that a changed interval starts counting afresh.
 *
 * @param config the validated fields
 * @param claimedTick the schedule tick to treat as taken (the current one when written)
 */
public record AutoSnapshotPut(Map<String, Object> config, long claimedTick) {
}
