package io.coffer.gateway.warmup;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.coffer.support.warmup.LoopbackRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the gateway listens, sends it loopback {@code GET}s of {@code sys/health} and
 * {@code sys/seal-status}, so the inbound pipeline, the routing filter, the signed
 * forward to a node and the response path are compiled before clients arrive (when no
 * node answers yet it still warms the inbound side and the error path). Read-only
 * requests that every node serves without a token. Off unless
 * {@code coffer.warmup.enabled} (deploy/local/run.sh with COFFER_WARMUP=on); bounded by
 * {@code coffer.warmup.budget} (default 2 s) and {@code coffer.warmup.requests} (default
 * 3000). Runs before Spring Boot reports the application ready. Skipped when the listener
 * serves HTTPS ({@code coffer.gateway.tls.*}).
 */
@Component
@ConditionalOnProperty(name = "coffer.warmup.enabled", havingValue = "true")
class GatewayWarmup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(GatewayWarmup.class);

	static final List<String> PATHS = List.of("/v1/sys/health?standbyok=true", "/v1/sys/seal-status");

	private final Environment environment;

	GatewayWarmup(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		if (this.environment.containsProperty("server.ssl.bundle")) {
			// Loopback HTTPS would have to trust the listener's certificate for
			// 127.0.0.1.
			log.info("Gateway warm-up skipped: the listener serves HTTPS");
			return;
		}
		Duration budget = this.environment.getProperty("coffer.warmup.budget", Duration.class, Duration.ofSeconds(2));
		int requests = this.environment.getProperty("coffer.warmup.requests", Integer.class, 3000);
		long started = System.nanoTime();
		int sent = send(URI.create("http://127.0.0.1:" + port), requests, started + budget.toNanos());
		log.info("Gateway warm-up: {} loopback requests in {} ms", sent, (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * Sends up to {@code requests} GETs of {@link #PATHS} until the deadline; returns how
	 * many answered.
	 */
	static int send(URI base, int requests, long deadlineNanos) throws InterruptedException {
		return LoopbackRequests.send(base, PATHS, requests, deadlineNanos);
	}

}
