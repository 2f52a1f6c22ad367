/**
 * The Coffer snapshot archive ({@link io.coffer.support.snapshot.SnapshotFormat}):
 * writing one from a finished state file, and reading one with every check that needs no
 * key (framing, manifest, checksums, entry count, key order). Used by the secrets nodes
 * now, and by restore and snapshot-service's verification.
 */
package io.coffer.support.snapshot;
