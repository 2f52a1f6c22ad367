package io.coffer.secrets.storage.replicated;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * This node's log key (derived from the root key by the barrier; absent while sealed) and
 * the HMAC-SHA256 tags made with it: over a log entry's encoding (version, epoch, index,
 * fence, genesis link, operations), over an applied report, and over a copied replica.
 * The key id (the first 8 bytes of HMAC(key, "key-id")) travels with every tag, so a
 * refusal can say "another key" rather than "forged".
 */
final class LogAuth {

	static final int MAC_BYTES = 32;

	private static final byte[] ENTRY = label("coffer-log-entry");

	private static final byte[] REPORT = label("coffer-applied-report");

	private static final byte[] COPY = label("coffer-replica-copy");

	private volatile Key key;

	private volatile boolean alone;

	/**
	 * Installs the key (the caller keeps and zeroes its array); null forgets it. Only an
	 * initialized HMAC is kept, cloned for each tag; forgetting re-initializes it with a
	 * zero key, so no copy of the key survives here, and a tag being computed at that
	 * moment still completes with the clone it took.
	 */
	void use(byte[] logKey) {
		this.alone = false;
		Key old = this.key;
		this.key = (logKey != null) ? new Key(prototype(logKey), keyId(logKey)) : null;
		if (old != null) {
			old.forget();
		}
	}

	boolean keyed() {
		return this.key != null;
	}

	/**
	 * Installs a key that {@code sys/init} just created: no other node can hold it yet,
	 * so until one proves it does (a signed report, {@link #peerHasKey()}) this node is
	 * the only one that can acknowledge.
	 */
	void useNew(byte[] logKey) {
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
		Key current = this.key;
		return (current != null) ? new Tag(current.id(), mac(current, ENTRY, entryBody)) : null;
	}

	/** Whether {@code tag} was made with this node's key over {@code entryBody}. */
	boolean verify(byte[] entryBody, Tag tag) {
		Key current = this.key;
		return current != null && tag != null && tag.keyId() == current.id()
				&& MessageDigest.isEqual(mac(current, ENTRY, entryBody), tag.mac());
	}

	/**
	 * Whether a tag names another key than this node's (a different cluster or root key).
	 */
	boolean otherKey(Tag tag) {
		Key current = this.key;
		return current != null && tag != null && tag.keyId() != current.id();
	}

	byte[] signReport(byte[] body) {
		Key current = this.key;
		return (current != null) ? mac(current, REPORT, body) : null;
	}

	boolean verifyReport(byte[] body, byte[] mac) {
		Key current = this.key;
		return current != null && mac != null && MessageDigest.isEqual(mac(current, REPORT, body), mac);
	}

	/**
	 * The keyed form of a replica copy's SHA-256 (over position, keys and values), or
	 * null when keyless: a node without the key can neither serve nor accept a copy.
	 */
	byte[] copyTag(byte[] sha256) {
		Key current = this.key;
		return (current != null) ? mac(current, COPY, sha256) : null;
	}

	private static byte[] mac(Key key, byte[] label, byte[] body) {
		Mac mac = newMac(key);
		mac.update(label);
		return mac.doFinal(body);
	}

	private static Mac newMac(Key key) {
		return key.newMac();
	}

	private static Mac prototype(byte[] logKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(logKey, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	private static long keyId(byte[] logKey) {
		Mac mac = prototype(logKey);
		long id = ByteBuffer.wrap(mac.doFinal(label("key-id"))).getLong();
		return (id != 0) ? id : 1;
	}

	private static byte[] label(String text) {
		return (text + "\0").getBytes(StandardCharsets.UTF_8);
	}

	private record Key(Mac prototype, long id) {

		Mac newMac() {
			synchronized (this.prototype) {
				try {
					return (Mac) this.prototype.clone();
				}
				catch (CloneNotSupportedException ex) {
					throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
				}
			}
		}

		void forget() {
			synchronized (this.prototype) {
				try {
					this.prototype.init(new SecretKeySpec(new byte[MAC_BYTES], "HmacSHA256"));
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

		@Override
		public String toString() {
			return "Key[<redacted>]";
		}

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
