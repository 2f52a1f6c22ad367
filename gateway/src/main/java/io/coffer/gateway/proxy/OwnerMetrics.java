package io.coffer.gateway.proxy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.http.HttpStatusCode;

/**
 * The gateway's per-owner meters: {@code coffer.gateway.owner.requests} (a timer with
 * histogram buckets, tagged {@code owner} — the service the route table sends the path
 * to: {@code secrets}, {@code lease}, {@code audit} — and {@code type}, the answer's
 * status class {@code 2xx}…{@code 5xx}, or {@code error} when no answer came back, e.g.
 * an owner unreachable or no active node within the failover budget) from the routing
 * decision to the owner's response headers, failover waits included; and
 * {@code coffer.gateway.owner.retries} ({@code owner}): a request sent to an owner's next
 * URL after its connect failed. The secrets nodes' failover retries are
 * {@code resilience4j.retry.calls} ({@code name="secrets-failover"}). Tags hold only
 * configured owner names and status classes: bounded, never a path or a token.
 */
public class OwnerMetrics {

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<String, Counter> retries = new ConcurrentHashMap<>();

	public OwnerMetrics(MeterRegistry registry, RouteTable table) {
		this.registry = registry;
		for (Owner owner : table.owners()) {
			if (owner.isDeployed()) {
				timer(owner.name(), "2xx");
				retryCounter(owner.name());
			}
		}
	}

	/** Records a request routed to {@code owner} at {@code startNanos}. */
	void record(String owner, HttpStatusCode status, boolean failed, long startNanos) {
		String type = (failed || status == null) ? "error" : (status.value() / 100) + "xx";
		timer(owner, type).record(Duration.ofNanos(System.nanoTime() - startNanos));
	}

	/** Counts a request sent again to {@code owner}'s next URL. */
	void retried(String owner) {
		retryCounter(owner).increment();
	}

	private Timer timer(String owner, String type) {
		return this.timers.computeIfAbsent(owner + " " + type,
				(key) -> Timer.builder("coffer.gateway.owner.requests")
					.description("Requests the gateway routed to a service, until its response headers")
					.tag("owner", owner)
					.tag("type", type)
					.publishPercentileHistogram()
					.minimumExpectedValue(Duration.ofMillis(1))
					.maximumExpectedValue(Duration.ofSeconds(60))
					.register(this.registry));
	}

	private Counter retryCounter(String owner) {
		return this.retries.computeIfAbsent(owner,
				(key) -> Counter.builder("coffer.gateway.owner.retries")
					.description("Requests sent to a service's next URL after the connect failed")
					.tag("owner", owner)
					.register(this.registry));
	}

}
