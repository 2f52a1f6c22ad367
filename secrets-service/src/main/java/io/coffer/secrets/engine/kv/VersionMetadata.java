package io.coffer.secrets.engine.kv;

import java.time.Instant;

/**
 * One version's state in a key's metadata.
 *
 * @param createdTime when the version was written
 * @param deletionTime when it was (or will be, with {@code delete_version_after}) soft
 * deleted; null when not deleted
 * @param destroyed its data was removed for good
 */
record VersionMetadata(Instant createdTime, Instant deletionTime, boolean destroyed) {

	/**
	 * Deleted once its deletion time is reached; a future deletion time (set by
	 * {@code delete_version_after}) leaves it readable until then.
	 */
	boolean isDeleted(Instant now) {
		return this.deletionTime != null && !this.deletionTime.isAfter(now);
	}

	boolean isLive(Instant now) {
		return !this.destroyed && !isDeleted(now);
	}

	VersionMetadata withDeletionTime(Instant time) {
		return new VersionMetadata(this.createdTime, time, this.destroyed);
	}

	VersionMetadata asDestroyed() {
		return new VersionMetadata(this.createdTime, this.deletionTime, true);
	}

}
