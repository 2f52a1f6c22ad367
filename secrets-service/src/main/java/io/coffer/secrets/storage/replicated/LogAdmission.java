package io.coffer.secrets.storage.replicated;

import io.coffer.secrets.storage.replicated.NodeRuntime.Admission;

/**
 * The rule every node applies to a log entry before applying it (and before trusting a
 * head enough to copy towards it).
 * <ul>
 * <li>With the log key: an entry must carry a tag that verifies over its epoch, index,
 * fence, genesis link and operations; the one exception is an untagged empty non-genesis
 * entry (an active's promotion barrier written before {@code sys/init}), which changes no
 * data.</li>
 * <li>Without the key (sealed): an entry that changes data waits until the node is
 * unsealed; an empty entry (a promotion barrier, or a genesis that continues exactly this
 * replica) is applied, since it changes no data.</li>
 * </ul>
 */
final class LogAdmission {

	private LogAdmission() {
	}

	static Admission verdict(LogAuth auth, LogEntry entry) {
		if (!auth.keyed()) {
			return entry.changesData() ? Admission.WAIT : Admission.APPLY;
		}
		if (entry.tag() != null) {
			return auth.verify(LogCodec.body(entry), entry.tag()) ? Admission.APPLY : Admission.REFUSE;
		}
		return (entry.changesData() || entry.isGenesis()) ? Admission.REFUSE : Admission.APPLY;
	}

	/** Why an entry was refused, without any of its contents. */
	static String reason(LogAuth auth, LogEntry entry) {
		if (entry.tag() == null) {
			return "it carries no HMAC (written without the log key)";
		}
		if (auth.otherKey(entry.tag())) {
			return "its HMAC names another log key (another cluster or root key)";
		}
		return "its HMAC does not verify over its epoch, index, fence and operations (forged or replayed)";
	}

}
