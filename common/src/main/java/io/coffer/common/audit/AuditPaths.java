package io.coffer.common.audit;

/** The internal endpoints of the audit protocol (see the package description). */
public final class AuditPaths {

	/**
	 * On the active node: {@code GET} the enabled devices (a list of
	 * {@link AuditDevice}); {@code PUT /internal/audit/devices/<path>} with an
	 * {@link AuditDeviceEnable} enables one (a fresh salt),
	 * {@code DELETE /internal/audit/devices/<path>} disables one.
	 */
	public static final String DEVICES = "/internal/audit/devices";

	/**
	 * On the active node: {@code POST /internal/audit/hash/<path>} with an
	 * {@link AuditHashRequest}, answered with an {@link AuditHash}.
	 */
	public static final String HASH = "/internal/audit/hash";

	/**
	 * On every node: {@code POST} a {@link JournalClaim}, answered with the claim's
	 * holder.
	 */
	public static final String JOURNAL_CLAIM = "/internal/audit/journal/claim";

	/** On every node: {@code GET} the {@link JournalState}. */
	public static final String JOURNAL_STATE = "/internal/audit/journal";

	/**
	 * On every node:
	 * {@code GET /internal/audit/journal/lines?device=<path>&after=<seq>&limit=<n>&wait=<ms>}
	 * answered with a {@link JournalPage}.
	 */
	public static final String JOURNAL_LINES = "/internal/audit/journal/lines";

	/** On every node: {@code POST} a {@link JournalAck}. */
	public static final String JOURNAL_ACK = "/internal/audit/journal/ack";

	/** On every node: {@code GET} a {@link ChainReport} of the node's journal. */
	public static final String JOURNAL_VERIFY = "/internal/audit/journal/verify";

	/** The audience of identities addressed to audit-service. */
	public static final String AUDIENCE = "coffer-audit";

	/** The caller name audit-service signs its calls to the nodes with. */
	public static final String CALLER = "audit";

	private AuditPaths() {
	}

}
