package io.coffer.secrets.warmup;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up a node runs before serving must end: at its number of rounds or requests,
 * or at its time budget, whichever comes first, and only read what it asks for.
 */
class WarmupBoundsTest {

	@Test
	void inProcessStopsAtItsIterations() {
		assertThat(InProcessWarmup.run(25, System.nanoTime() + Duration.ofMinutes(1).toNanos())).isEqualTo(25);
	}

	@Test
	void inProcessStopsAtItsBudget() {
		long started = System.nanoTime();
		int rounds = InProcessWarmup.run(Integer.MAX_VALUE, started + Duration.ofMillis(200).toNanos());
		assertThat(rounds).isPositive();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void httpSendsOnlyStatusReadsUpToItsCount() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		AtomicInteger gets = new AtomicInteger();
		AtomicInteger others = new AtomicInteger();
		server.createContext("/", (exchange) -> {
			boolean statusRead = exchange.getRequestMethod().equals("GET")
					&& HttpSelfWarmup.PATHS.stream().anyMatch((p) -> p.startsWith(exchange.getRequestURI().getPath()));
			(statusRead ? gets : others).incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
			int answered = HttpSelfWarmup.send(base, 30, System.nanoTime() + Duration.ofMinutes(1).toNanos());
			assertThat(answered).isEqualTo(30);
			assertThat(gets).hasValue(30);
			assertThat(others).hasValue(0);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void httpGivesUpAtItsBudgetWhenNothingAnswers() throws Exception {
		long started = System.nanoTime();
		// port 9 (discard) is closed on loopback: every connect is refused at once
		int answered = HttpSelfWarmup.send(URI.create("http://127.0.0.1:9"), Integer.MAX_VALUE,
				started + Duration.ofMillis(300).toNanos());
		assertThat(answered).isZero();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

}
