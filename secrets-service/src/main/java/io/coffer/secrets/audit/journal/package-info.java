/**
 * The node's audit journal (ARCHITECTURE.md "Audit"; docs in the audit design): where the
 * active node makes each audit entry durable before a request goes on, and where
 * audit-service reads what to deliver.
 * <p>
 * A directory ({@code coffer.audit.journal.dir}) of segment files
 * ({@code <first seq>.seg}), each a header frame then entry frames
 * {@code [u32 length][u32 crc32c][payload]}; an id made once ({@code journal-id}); each
 * device's delivered position ({@code cursors}). One writer thread group-commits appends
 * (one {@code force} per group). Each entry carries the SHA-256 of the one before, and
 * each device line a {@code coffer_chain} field linking it to the device's previous line.
 * Bounded by {@code coffer.audit.journal.max-bytes}: full or unwritable, appends are
 * refused, the health component {@code auditJournal} is DOWN, and an active node steps
 * down after {@code coffer.audit.journal.step-down-after}. Served to audit-service
 * (caller {@code audit}) in every node state: the journal is plain files.
 */
package io.coffer.secrets.audit.journal;
