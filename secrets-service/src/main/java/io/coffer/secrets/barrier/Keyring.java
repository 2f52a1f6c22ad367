package io.coffer.secrets.barrier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.json.JsonMapper;

/**
 * The barrier's data keys by term. Immutable: rotation returns a new keyring with its own
 * copies of the keys. Serialized only to be encrypted under the root key.
 * <p>
 * Reference counted, so a keyring replaced while a request still encrypts or decrypts
 * with it is zeroed only when that request is done: the barrier holds one reference
 * ({@link #retire()} drops it), each operation another ({@link #acquire()} /
 * {@link #release()}). Once the count reaches zero the keys are overwritten and
 * {@code acquire()} fails, so a late reader takes the newer keyring instead.
 */
final class Keyring {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TreeMap<Integer, Term> terms;

	private final AtomicInteger references = new AtomicInteger(1);

	private Keyring(TreeMap<Integer, Term> terms) {
		this.terms = terms;
	}

	static Keyring first(byte[] key, Instant now) {
		TreeMap<Integer, Term> terms = new TreeMap<>();
		terms.put(1, new Term(1, key, now));
		return new Keyring(terms);
	}

	Keyring rotate(byte[] key, Instant now) {
		TreeMap<Integer, Term> next = new TreeMap<>();
		this.terms.values().forEach((t) -> next.put(t.term(), new Term(t.term(), t.key().clone(), t.installTime())));
		int term = this.terms.lastKey() + 1;
		next.put(term, new Term(term, key, now));
		return new Keyring(next);
	}

	Term active() {
		return this.terms.lastEntry().getValue();
	}

	Term term(int term) {
		return this.terms.get(term);
	}

	byte[] serialize() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Term term : this.terms.values()) {
			out.add(Map.of("term", term.term(), "key", Base64.getEncoder().encodeToString(term.key()), "install_time",
					term.installTime().toString()));
		}
		return JSON.writeValueAsBytes(Map.of("terms", out));
	}

	@SuppressWarnings("unchecked")
	static Keyring deserialize(byte[] bytes) {
		Map<String, Object> root = JSON.readValue(bytes, Map.class);
		TreeMap<Integer, Term> terms = new TreeMap<>();
		for (Map<String, Object> t : (List<Map<String, Object>>) root.get("terms")) {
			int term = ((Number) t.get("term")).intValue();
			terms.put(term, new Term(term, Base64.getDecoder().decode((String) t.get("key")),
					Instant.parse((String) t.get("install_time"))));
		}
		return new Keyring(terms);
	}

	/** Takes a reference for one operation; false once the keyring was destroyed. */
	boolean acquire() {
		int count;
		do {
			count = this.references.get();
			if (count == 0) {
				return false;
			}
		}
		while (!this.references.compareAndSet(count, count + 1));
		return true;
	}

	void release() {
		if (this.references.decrementAndGet() == 0) {
			destroy();
		}
	}

	/**
	 * Drops the owner's reference: the keys are overwritten as soon as no operation holds
	 * the keyring any more. Called once, after the keyring was replaced or sealed away.
	 */
	void retire() {
		release();
	}

	/** Overwrites every key held; the keyring is unusable afterwards. */
	private void destroy() {
		this.terms.values().forEach((term) -> Arrays.fill(term.key(), (byte) 0));
	}

	record Term(int term, byte[] key, Instant installTime) {

		@Override
		public String toString() {
			return "Term[" + this.term + ", key=<redacted>, " + this.installTime + "]";
		}

	}

}
