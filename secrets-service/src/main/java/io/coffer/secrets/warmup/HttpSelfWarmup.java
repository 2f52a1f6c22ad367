package io.coffer.secrets.warmup;

import java.net.URI;
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
 * Once the HTTP port is open, sends this node loopback {@code GET}s of the endpoints
 * every node serves without identity ({@code sys/health}, {@code sys/seal-status},
 * {@code sys/leader}): Tomcat, the security filter chain, the controller, the request
 * pipeline and the JSON response writer run compiled for the first real request. They
 * only read status. It runs before the application reports ready (Spring Boot's readiness
 * state turns to accepting traffic after the runners), bounded by
 * {@link WarmupProperties#budget()} and {@link WarmupProperties#requests()}.
 */
@Component
@ConditionalOnProperty(name = "coffer.warmup.enabled", havingValue = "true")
class HttpSelfWarmup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(HttpSelfWarmup.class);

	static final List<String> PATHS = List.of("/v1/sys/health?standbyok=true", "/v1/sys/seal-status", "/v1/sys/leader");

	private final WarmupProperties properties;

	private final Environment environment;

	HttpSelfWarmup(WarmupProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		String host = this.environment.getProperty("server.address", "127.0.0.1");
		URI base = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
		long started = System.nanoTime();
		int sent = send(base, this.properties.requests(), started + this.properties.budget().toNanos());
		log.info("HTTP warm-up: {} loopback requests in {} ms", sent, (System.nanoTime() - started) / 1_000_000);
	}

	/**
	 * Sends up to {@code requests} GETs of {@link #PATHS} until the deadline; returns how
	 * many answered.
	 */
	static int send(URI base, int requests, long deadlineNanos) throws InterruptedException {
		return LoopbackRequests.send(base, PATHS, requests, deadlineNanos);
	}

}
