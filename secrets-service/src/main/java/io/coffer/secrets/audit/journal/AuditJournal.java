package io.coffer.secrets.audit.journal;

/**
 * The node's audit journal: where the active node makes each audit entry durable before
 * the request goes on (ARCHITECTURE.md "Audit"). Appends are group-committed (one fsync
 * for every entry waiting) and chained (each entry carries the hash of the one before);
 * the journal is bounded, and audit-service drops what every device has received.
 */
public interface AuditJournal {

	/**
	 * Appends one entry and returns once it is durable on disk.
	 * @param record the entry: a line per enabled device
	 * @return the entry's sequence number
	 * @throws AuditJournalException when the entry cannot be made durable (the journal is
	 * unwritable, full or closed); the request must then be refused
	 */
	long append(AuditRecord record);

}
