package io.coffer.audit.device.kafka;

/** Which line a record carries: its journal and its sequence number there. */
record LineKey(String journal, long seq) {
}
