/**
 * The manifest of a Coffer snapshot ({@code GET sys/storage/raft/snapshot}), shared by
 * the secrets nodes that write snapshots and snapshot-service that stores and verifies
 * them. The archive itself is read and checked by {@code io.coffer.support.snapshot}.
 */
package io.coffer.common.snapshot;
