package io.coffer.secrets.audit.journal;

/**
 * An audit entry could not be made durable; the request it belongs to is refused (Vault's
 * {@code 500 internal error}). The message names the cause (unwritable, full, closed),
 * never an entry's content.
 */
public class AuditJournalException extends RuntimeException {

	public AuditJournalException(String message) {
		super(message);
	}

	public AuditJournalException(String message, Throwable cause) {
		super(message, cause);
	}

}
