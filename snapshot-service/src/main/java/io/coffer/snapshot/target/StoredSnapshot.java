package io.coffer.snapshot.target;

/**
 * A snapshot kept for a configuration.
 *
 * @param url where it is: a file path ({@code local}) or {@code s3://bucket/key}
 * @param stamp the Unix nanoseconds in its name (when it was started)
 * @param size its size in bytes
 */
public record StoredSnapshot(String url, long stamp, long size) {
}
