package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.support.VaultSummaries;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * ACL policies behind the barrier under {@value #PREFIX}, one entry per name holding the
 * text exactly as written (after base64 decoding), so a JSON policy reads back byte for
 * byte. {@code root} is built in and immutable; {@code default} is built in until
 * overwritten and can never be deleted. Every change bumps {@link #generation()}, which
 * invalidates compiled ACLs.
 * <p>
 * Timed as Vault times its policy store, summaries in milliseconds:
 * {@code vault.policy.get_policy} (reading a policy's text: the API and compiling an ACL
 * after a change), {@code vault.policy.list_policies}, {@code vault.policy.set_policy},
 * {@code vault.policy.delete_policy}; failures included.
 */
@Component
public class PolicyStore {

	static final String PREFIX = "sys/policy/";

	static final String ROOT = "root";

	static final String RESPONSE_WRAPPING = "response-wrapping";

	private final Barrier barrier;

	private final AtomicLong generation = new AtomicLong();

	private final DistributionSummary getTime;

	private final DistributionSummary listTime;

	private final DistributionSummary setTime;

	private final DistributionSummary deleteTime;

	/** A store without metrics (a registry that keeps nothing). */
	public PolicyStore(Barrier barrier) {
		this(barrier, new CompositeMeterRegistry());
	}

	@Autowired
	public PolicyStore(Barrier barrier, MeterRegistry registry) {
		this.barrier = barrier;
		this.getTime = VaultSummaries.milliseconds(registry, "vault.policy.get_policy", "Policy reads");
		this.listTime = VaultSummaries.milliseconds(registry, "vault.policy.list_policies", "Policy listings");
		this.setTime = VaultSummaries.milliseconds(registry, "vault.policy.set_policy", "Policy writes");
		this.deleteTime = VaultSummaries.milliseconds(registry, "vault.policy.delete_policy", "Policy deletions");
	}

	/** Vault lower-cases policy names everywhere. */
	public static String normalize(String name) {
		return name.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * The policy's text as written; {@code ""} for root, the built-in text for an
	 * unstored default.
	 */
	public Optional<String> text(String name) {
		long start = System.nanoTime();
		try {
			return read(name);
		}
		finally {
			VaultSummaries.recordSince(this.getTime, start);
		}
	}

	private Optional<String> read(String name) {
		String normalized = normalize(name);
		if (normalized.equals(ROOT)) {
			return Optional.of("");
		}
		if (!isStorable(normalized)) {
			return Optional.empty();
		}
		Optional<String> stored = view().get(normalized).map((bytes) -> Json.read(bytes, Entry.class).raw());
		if (stored.isEmpty() && normalized.equals(DefaultPolicy.NAME)) {
			return Optional.of(DefaultPolicy.TEXT);
		}
		return stored;
	}

	public boolean exists(String name) {
		return text(name).isPresent();
	}

	/** Every policy name, sorted, then {@code root} last as Vault lists it. */
	public List<String> names() {
		long start = System.nanoTime();
		try {
			return list();
		}
		finally {
			VaultSummaries.recordSince(this.listTime, start);
		}
	}

	private List<String> list() {
		TreeSet<String> names = new TreeSet<>();
		for (String key : view().list("")) {
			if (!key.endsWith("/")) {
				names.add(key);
			}
		}
		names.add(DefaultPolicy.NAME);
		List<String> out = new ArrayList<>(names);
		out.add(ROOT);
		return out;
	}

	/**
	 * Parses and stores a policy.
	 * @throws VaultException 400 for root, a bad name or a policy that does not parse
	 */
	public void write(String name, String text) {
		long start = System.nanoTime();
		try {
			store(name, text);
		}
		finally {
			VaultSummaries.recordSince(this.setTime, start);
		}
	}

	private void store(String name, String text) {
		String normalized = normalize(name);
		if (normalized.equals(ROOT)) {
			throw VaultException.badRequest("cannot update \"root\" policy");
		}
		// Wrapping tokens carry this policy; letting an operator define it would widen
		// what they can do.
		if (normalized.equals(RESPONSE_WRAPPING)) {
			throw VaultException.badRequest("cannot update \"response-wrapping\" policy");
		}
		requireStorable(normalized);
		PolicyParser.parse(normalized, text);
		view().put(normalized, Json.write(new Entry(normalized, text)));
		this.generation.incrementAndGet();
	}

	/**
	 * Deletes a policy; deleting one that does not exist succeeds.
	 * @throws VaultException 400 for root and default
	 */
	public void delete(String name) {
		long start = System.nanoTime();
		try {
			remove(name);
		}
		finally {
			VaultSummaries.recordSince(this.deleteTime, start);
		}
	}

	private void remove(String name) {
		String normalized = normalize(name);
		if (normalized.equals(ROOT) || normalized.equals(DefaultPolicy.NAME)) {
			throw VaultException.badRequest("cannot delete \"" + normalized + "\" policy");
		}
		requireStorable(normalized);
		view().delete(normalized);
		this.generation.incrementAndGet();
	}

	/**
	 * The parsed policy; empty for an unknown name (and for root, which has no rules).
	 */
	Optional<Policy> policy(String name) {
		String normalized = normalize(name);
		if (normalized.equals(ROOT)) {
			return Optional.empty();
		}
		return text(normalized).map((text) -> PolicyParser.parse(normalized, text));
	}

	/** Changes whenever a policy may have changed; compiled ACLs are keyed by it. */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Forgets everything derived from stored policies (another node may have changed them
	 * while this one was a standby or sealed).
	 */
	public void invalidate() {
		this.generation.incrementAndGet();
	}

	private BarrierView view() {
		return this.barrier.view(PREFIX);
	}

	private static boolean isStorable(String name) {
		return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
	}

	private static void requireStorable(String name) {
		if (name.isEmpty()) {
			throw VaultException.badRequest("policy name must be provided in the URL");
		}
		if (!isStorable(name)) {
			throw VaultException.badRequest("policy names cannot contain \"/\"");
		}
	}

	/**
	 * The stored form.
	 *
	 * @param name the normalized name
	 * @param raw the policy text as written
	 */
	record Entry(String name, String raw) {
	}

}
