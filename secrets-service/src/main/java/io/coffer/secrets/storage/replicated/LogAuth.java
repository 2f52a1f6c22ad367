package io.coffer.secrets.storage.replicated;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.coffer.secrets.storage.LogMac;

/**
 * This node's log key ({@link LogMac}, derived from the root key by the barrier; absent
 * while sealed) and the HMAC-SHA256 tags made with it: over a log entry's encoding
 * (version, epoch, index, fence, genesis link, operations), over an applied report, and
 * over a copied replica. The key id travels with every tag, so a refusal can say "another
 * key" rather than "forged".
 */
final class LogAuth {

	static final int MAC_BYTES = 32;

	private static final byte[] ENTRY = label("coffer-log-entry");

	private static final byte[] REPORT = label("coffer-applied-report");

	private static final byte[] COPY = label("coffer-replica-copy");

	private static final byte[] POSITION = label("coffer-bootstrap-position");

	private volatile LogMac key;

	private volatile boolean alone;

	private volatile boolean retired;

	/**
	 * Installs the key; null forgets (overwrites) the one held. The same key installed
	 * again (init unseals right after creating it) keeps {@link #alone()}.
	 */
	void use(LogMac logKey) {
		LogMac old = this.key;
		if (logKey == null || old == null || old.keyId() != logKey.keyId()) {
			this.alone = false;
		}
		this.key = logKey;
		this.retired = false;
		if (old != null && old != logKey) {
			old.forget();
		}
	}

	boolean keyed() {
		return this.key != null;
	}

	/**
	 * This node installed another cluster's state (a forced restore): the key held no
	 * longer belongs to the state, so no entry is signed with it any more (an active
	 * would write only unsigned empty entries, which change no data) and the node stays
	 * out of the election. Reports are still signed and verified, so the restoring node
	 * can count the nodes that installed the restore. Ends with the next {@link #use}.
	 */
	void retire() {
		this.retired = true;
	}

	boolean retired() {
		return this.retired;
	}

	/**
	 * Installs a key that {@code sys/init} just created: no other node can hold it yet,
	 * so until one proves it does (a signed report, {@link #peerHasKey()}) this node is
	 * the only one that can acknowledge.
	 */
	void useNew(LogMac logKey) {
		use(logKey);
		this.alone = true;
	}

	boolean alone() {
		return this.alone && this.key != null;
	}

	void peerHasKey() {
		this.alone = false;
	}

	/**
	 * The tag (key id + MAC) for an entry's unauthenticated encoding; null when keyless.
	 */
	Tag sign(byte[] entryBody) {
		LogMac current = this.key;
		return (current != null && !this.retired) ? new Tag(current.keyId(), current.mac(ENTRY, entryBody)) : null;
	}

	/** Whether {@code tag} was made with this node's key over {@code entryBody}. */
	boolean verify(byte[] entryBody, Tag tag) {
		LogMac current = this.key;
		return current != null && tag != null && tag.keyId() == current.keyId()
				&& MessageDigest.isEqual(current.mac(ENTRY, entryBody), tag.mac());
	}

	/**
	 * Whether a tag names another key than this node's (a different cluster or root key).
	 */
	boolean otherKey(Tag tag) {
		LogMac current = this.key;
		return current != null && tag != null && tag.keyId() != current.keyId();
	}

	byte[] signReport(byte[] body) {
		return mac(REPORT, body);
	}

	boolean verifyReport(byte[] body, byte[] mac) {
		return verify(REPORT, body, mac);
	}

	/** The HMAC of a position published on the bootstrap board; null when keyless. */
	byte[] signPosition(byte[] body) {
		return mac(POSITION, body);
	}

	boolean verifyPosition(byte[] body, byte[] mac) {
		return verify(POSITION, body, mac);
	}

	private byte[] mac(byte[] label, byte[] body) {
		LogMac current = this.key;
		return (current != null) ? current.mac(label, body) : null;
	}

	private boolean verify(byte[] label, byte[] body, byte[] mac) {
		LogMac current = this.key;
		return current != null && mac != null && MessageDigest.isEqual(current.mac(label, body), mac);
	}

	/**
	 * The keyed form of a replica copy's SHA-256 (over position, keys and values), or
	 * null when keyless: a node without the key can neither serve nor accept a copy.
	 */
	byte[] copyTag(byte[] sha256) {
		LogMac current = this.key;
		return (current != null) ? current.mac(COPY, sha256) : null;
	}

	private static byte[] label(String text) {
		return (text + "\0").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Key id and MAC of one entry; key id 0 = unauthenticated (written without a key).
	 */
	record Tag(long keyId, byte[] mac) {

		@Override
		public String toString() {
			return "Tag[key " + Long.toHexString(this.keyId) + "]";
		}

	}

}
