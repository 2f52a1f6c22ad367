package io.coffer.snapshot.local;

import java.nio.file.Path;

/**
 * A snapshot file kept for a configuration.
 *
 * @param file where it is
 * @param stamp the Unix nanoseconds in its name (when it was started)
 * @param size its size in bytes
 */
public record StoredSnapshot(Path file, long stamp, long size) {
}
