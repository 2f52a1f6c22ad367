package io.coffer.common.snapshotauto;

/**
 * A node's answer to {@link SnapshotAutoPaths#VERIFY}: the snapshot passed every check of
 * a restore and every barrier entry decrypted under its keyring.
 *
 * @param clusterId the snapshot's cluster
 * @param logIndex the log index the snapshot was taken at
 * @param entryCount the snapshot's entries
 * @param decryptedEntries the barrier entries decrypted (all of them)
 * @param sealRecords the entries kept outside the barrier (the keyring and the seal's
 * records), not decrypted
 * @param keyringTerm the snapshot keyring's active term
 * @param millis how long the node took
 */
public record SnapshotVerification(String clusterId, long logIndex, long entryCount, long decryptedEntries,
		long sealRecords, int keyringTerm, long millis) {
}
