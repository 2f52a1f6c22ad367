/**
 * The records the secrets nodes and audit-service exchange (ARCHITECTURE.md "Audit").
 * <p>
 * The active node produces Vault's request and response entries, one line per enabled
 * device (HMAC'd with that device's salt), and appends them to its own journal: durable
 * (fsynced) before the handler runs and before the reply. audit-service never sees a salt
 * or an unhashed value (unless a device is {@code log_raw}).
 * <p>
 * audit-service to the active node: the device table ({@link AuditDevice},
 * {@code GET|PUT|DELETE /internal/audit/devices[/<path>]}, enabling with an
 * {@link AuditDeviceEnable}) and {@code sys/audit-hash} ({@link AuditHashRequest} →
 * {@link AuditHash}).
 * <p>
 * audit-service to every node (active, standby or sealed: a journal is read from the
 * node's disk, never from the barrier): {@link JournalClaim} (one audit-service instance
 * delivers a node's journal at a time), {@link JournalState} (the devices that have lines
 * in the journal and how far each was delivered), {@link JournalPage} (a device's lines
 * after a position, long-polled), {@link JournalAck} (a device's lines up to a position
 * are durable at the device; the node may drop what every device has),
 * {@link ChainReport} (the journal's hash chain checked).
 */
package io.coffer.common.audit;
