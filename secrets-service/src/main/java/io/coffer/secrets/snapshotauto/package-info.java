/**
 * What the active node does for snapshot-service's automated snapshots: it keeps the
 * configurations, their claimed schedule ticks and their status behind the barrier
 * ({@link io.coffer.secrets.snapshotauto.AutoSnapshotStore}), grants each tick to exactly
 * one snapshot-service instance by check-and-set, and streams a snapshot of its replica
 * (the same producer as {@code sys/storage/raft/snapshot}). Reached only on
 * {@code /internal/snapshot-auto/**}, by snapshot-service's identity.
 */
package io.coffer.secrets.snapshotauto;
