package io.coffer.secrets.barrier;

import java.time.Instant;

/** What {@code sys/key-status} reports about the active barrier key. */
public record KeyStatus(int term, Instant installTime, long encryptions) {
}
