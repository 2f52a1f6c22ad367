package io.coffer.secrets.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Vault's request metrics, recorded once per logical request around the request pipeline:
 * {@code vault.core.handle_request} (every request),
 * {@code vault.core.handle_login_request} (logins), {@code vault.core.in_flight_requests}
 * and {@code vault.core.response_status_code} tagged with the status {@code code} and its
 * class {@code type} ({@code 2xx}…{@code 5xx}). Every meter exists from start-up at zero
 * (the codes Vault answers most are registered up front), so a dashboard or an alert rule
 * never sees a missing series. The latency timers publish histogram buckets as well, so
 * quantiles can be aggregated across nodes (Vault's summaries cannot).
 */
@Component
public class RequestMetrics {

	/** Codes registered at start-up, so their series exist before any traffic. */
	static final List<Integer> KNOWN_CODES = List.of(200, 204, 400, 403, 404, 405, 412, 429, 500, 503);

	private final MeterRegistry registry;

	private final Timer requests;

	private final Timer logins;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<Integer, Counter> statusCodes = new ConcurrentHashMap<>();

	RequestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.requests = latency("vault.core.handle_request", "Logical requests handled by this node");
		this.logins = latency("vault.core.handle_login_request", "Login requests handled by this node");
		Gauge.builder("vault.core.in_flight_requests", this.inFlight, AtomicInteger::get)
			.description("Logical requests being handled by this node")
			.register(registry);
		KNOWN_CODES.forEach(this::statusCode);
	}

	/** Counts a request as in flight until {@link Request#finish} is called. */
	public Request start() {
		this.inFlight.incrementAndGet();
		return new Request(Timer.start(this.registry));
	}

	private Timer latency(String name, String description) {
		return Timer.builder(name)
			.description(description)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.register(this.registry);
	}

	private Counter statusCode(int code) {
		return this.statusCodes.computeIfAbsent(code,
				(c) -> Counter.builder("vault.core.response_status_code")
					.description("Responses of logical requests by HTTP status code")
					.tag("code", Integer.toString(c))
					.tag("type", (c / 100) + "xx")
					.register(this.registry));
	}

	/** One request being handled. */
	public final class Request {

		private final Timer.Sample sample;

		private boolean finished;

		private Request(Timer.Sample sample) {
			this.sample = sample;
		}

		/**
		 * Records the request's latency and status code.
		 * @param status the HTTP status the client gets; 0 when the request gets no
		 * answer of this node's own (a standby's refusal the gateway sends to the active
		 * node): latency only, no status code counted
		 * @param login whether it was a login request
		 */
		public void finish(int status, boolean login) {
			if (this.finished) {
				return;
			}
			this.finished = true;
			RequestMetrics.this.inFlight.decrementAndGet();
			long nanos = this.sample.stop(RequestMetrics.this.requests);
			if (login) {
				RequestMetrics.this.logins.record(Duration.ofNanos(nanos));
			}
			if (status >= 100 && status <= 599) {
				statusCode(status).increment();
			}
		}

	}

}
