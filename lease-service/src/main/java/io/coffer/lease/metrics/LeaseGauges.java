package io.coffer.lease.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.coffer.lease.quota.LeaseCountQuota;
import io.coffer.lease.quota.LeaseCountQuotas;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.LeaseState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Vault's lease gauges from the database, not from memory:
 * {@code vault.expire.num_leases}, {@code vault.expire.num_irrevocable_leases}, and per
 * lease-count quota {@code vault.quota.lease_count.max} and
 * {@code vault.quota.lease_count.counter} (tag {@code name}). The counts come from cheap
 * queries ({@code count(*)}, the quotas' counters), run at most once per
 * {@value #TTL_SECONDS} seconds whatever the scrape rate; with several instances each
 * reports the same shared numbers.
 */
@Component
public class LeaseGauges {

	private static final Logger log = LoggerFactory.getLogger(LeaseGauges.class);

	static final long TTL_SECONDS = 5;

	private final LeaseQueries queries;

	private final LeaseCountQuotas quotas;

	private final MeterRegistry registry;

	private final Clock clock;

	private final Set<String> quotaGauges = ConcurrentHashMap.newKeySet();

	private volatile Snapshot snapshot = new Snapshot(0, 0, Map.of(), Instant.MIN);

	public LeaseGauges(LeaseQueries queries, LeaseCountQuotas quotas, MeterRegistry registry, Clock clock) {
		this.queries = queries;
		this.quotas = quotas;
		this.registry = registry;
		this.clock = clock;
		Gauge.builder("vault.expire.num_leases", this, (gauges) -> gauges.current().leases())
			.description("Leases held, whatever their state")
			.register(registry);
		Gauge.builder("vault.expire.num_irrevocable_leases", this, (gauges) -> gauges.current().irrevocable())
			.description("Leases that could not be revoked")
			.register(registry);
	}

	/** The counts, refreshed when older than the cache time. */
	Snapshot current() {
		Snapshot last = this.snapshot;
		Instant now = this.clock.instant();
		if (now.isBefore(last.taken().plusSeconds(TTL_SECONDS))) {
			return last;
		}
		synchronized (this) {
			if (this.snapshot != last) {
				return this.snapshot;
			}
			try {
				Map<String, LeaseCountQuota> byName = this.quotas.all()
					.stream()
					.collect(Collectors.toMap(LeaseCountQuota::name, (quota) -> quota));
				this.snapshot = new Snapshot(this.queries.countAll(), this.queries.count(LeaseState.IRREVOCABLE),
						byName, now);
				byName.keySet().forEach(this::registerQuota);
			}
			catch (RuntimeException ex) {
				log.warn("lease counts unavailable: {}", ex.toString());
				this.snapshot = new Snapshot(last.leases(), last.irrevocable(), last.quotas(), now);
			}
			return this.snapshot;
		}
	}

	private void registerQuota(String name) {
		if (!this.quotaGauges.add(name)) {
			return;
		}
		Gauge.builder("vault.quota.lease_count.max", this, (gauges) -> quotaValue(gauges, name, true))
			.tag("name", name)
			.description("A lease-count quota's maximum")
			.register(this.registry);
		Gauge.builder("vault.quota.lease_count.counter", this, (gauges) -> quotaValue(gauges, name, false))
			.tag("name", name)
			.description("Leases counted against a lease-count quota")
			.register(this.registry);
	}

	private static double quotaValue(LeaseGauges gauges, String name, boolean max) {
		LeaseCountQuota quota = gauges.current().quotas().get(name);
		if (quota == null) {
			return Double.NaN;
		}
		return max ? quota.maxLeases() : quota.leaseCount();
	}

	/**
	 * The counts at one moment.
	 *
	 * @param leases every lease
	 * @param irrevocable irrevocable leases
	 * @param quotas the quotas by name
	 * @param taken when
	 */
	record Snapshot(long leases, long irrevocable, Map<String, LeaseCountQuota> quotas, Instant taken) {
	}

}
