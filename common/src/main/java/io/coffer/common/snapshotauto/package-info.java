/**
 * The internal protocol between snapshot-service and the active secrets node for
 * automated snapshots: the configurations and their status kept behind the barrier, the
 * check-and-set claim of a schedule tick, and the streamed snapshot.
 */
package io.coffer.common.snapshotauto;
