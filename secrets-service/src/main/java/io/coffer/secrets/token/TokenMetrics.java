package io.coffer.secrets.token;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.coffer.secrets.kernel.TokenEntry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Vault's token metrics under Vault's names: live token gauges kept up to date on every
 * create and revoke (a scrape never scans storage; storage is scanned only when this node
 * becomes active and after tidy), and counters of creations and lookups.
 */
@Component
public class TokenMetrics implements TokenListener {

	/** Vault's {@code metricsutil.TTLBucket} bounds, in seconds, with their labels. */
	private static final long[] BUCKET_SECONDS = { 60, 600, 1200, 3600, 7200, 86400, 172800, 604800, 2592000 };

	private static final String[] BUCKET_LABELS = { "1m", "10m", "20m", "1h", "2h", "1d", "2d", "7d", "30d" };

	private static final String NAMESPACE = "root";

	private final MeterRegistry registry;

	private final AtomicLong total = new AtomicLong();

	private final Map<String, AtomicLong> byPolicy = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> byTtl = new ConcurrentHashMap<>();

	private final Counter created;

	private final Counter lookups;

	public TokenMetrics(MeterRegistry registry, TokenStore store) {
		this.registry = registry;
		Gauge.builder("vault.token.count", this.total, AtomicLong::get)
			.description("Live service tokens")
			.tag("namespace", NAMESPACE)
			.register(registry);
		this.created = Counter.builder("vault.token.create_count").description("Tokens created").register(registry);
		this.lookups = Counter.builder("vault.token.lookup_count")
			.description("Token lookups by the request path")
			.register(registry);
		store.addListener(this);
	}

	/**
	 * Vault's TTL bucket label of a creation TTL; {@code +Inf} for tokens that never
	 * expire.
	 */
	static String ttlBucket(long seconds) {
		if (seconds <= 0) {
			return "+Inf";
		}
		for (int i = 0; i < BUCKET_SECONDS.length; i++) {
			if (seconds <= BUCKET_SECONDS[i]) {
				return BUCKET_LABELS[i];
			}
		}
		return "+Inf";
	}

	/** Counts one issued token under Vault's {@code vault.token.creation}. */
	void created(TokenEntry entry, String authMethod, String mountPoint) {
		this.created.increment();
		Counter.builder("vault.token.creation")
			.description("Tokens created, by auth method, mount and creation TTL")
			.tag("auth_method", authMethod)
			.tag("mount_point", mountPoint)
			.tag("creation_ttl", ttlBucket(entry.ttlSeconds()))
			.tag("token_type", entry.type())
			.tag("namespace", NAMESPACE)
			.register(this.registry)
			.increment();
	}

	@Override
	public void lookedUp() {
		this.lookups.increment();
	}

	@Override
	public void created(TokenEntry entry) {
		add(entry, 1);
	}

	@Override
	public void revoked(TokenEntry entry) {
		add(entry, -1);
	}

	@Override
	public synchronized void recount(Iterable<TokenEntry> live) {
		clear();
		live.forEach((entry) -> add(entry, 1));
	}

	/** Forgets every count (the node sealed or stepped down). */
	synchronized void clear() {
		this.total.set(0);
		this.byPolicy.values().forEach((count) -> count.set(0));
		this.byTtl.values().forEach((count) -> count.set(0));
	}

	private void add(TokenEntry entry, int delta) {
		this.total.addAndGet(delta);
		for (String policy : entry.policies()) {
			gauge(this.byPolicy, "vault.token.count.by_policy", "policy", policy).addAndGet(delta);
		}
		gauge(this.byTtl, "vault.token.count.by_ttl", "creation_ttl", ttlBucket(entry.ttlSeconds())).addAndGet(delta);
	}

	private AtomicLong gauge(Map<String, AtomicLong> counts, String name, String tag, String value) {
		return counts.computeIfAbsent(value, (key) -> {
			AtomicLong count = new AtomicLong();
			Gauge.builder(name, count, AtomicLong::get)
				.tags(List.of(io.micrometer.core.instrument.Tag.of(tag, key),
						io.micrometer.core.instrument.Tag.of("namespace", NAMESPACE)))
				.register(this.registry);
			return count;
		});
	}

}
