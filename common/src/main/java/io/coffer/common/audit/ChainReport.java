package io.coffer.common.audit;

/**
 * The result of checking a hash chain (a node's journal, or a file device's output):
 * every entry carries the hash of the one before it.
 *
 * @param ok true when no break was found
 * @param checked how many entries were checked
 * @param journal the journal of the first break (null when ok)
 * @param seq the sequence number of the first entry whose chain does not match (null when
 * ok)
 * @param line for a file, the 1-based line number of that entry (null otherwise)
 * @param reason what did not match (null when ok)
 */
public record ChainReport(boolean ok, long checked, String journal, Long seq, Long line, String reason) {

	public static ChainReport intact(long checked) {
		return new ChainReport(true, checked, null, null, null, null);
	}

}
