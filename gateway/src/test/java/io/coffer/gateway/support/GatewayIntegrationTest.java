package io.coffer.gateway.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.coffer.gateway.cluster.ClusterMonitor;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real gateway on a random port in front of {@link FakeCluster}. Background polling is
 * effectively off (one probe at start), so each test decides when the gateway's view of
 * the cluster is refreshed and can catch it with a stale view on purpose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

	protected static final Duration FAILOVER_BUDGET = Duration.ofSeconds(2);

	protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Not there before the context starts, so the gateway generates it as on a new
	 * cluster.
	 */
	protected static final Path SIGNING_KEY = Path.of("target", "test-identity", UUID.randomUUID().toString(),
			"signing-key.pem");

	protected final FakeCluster cluster = FakeCluster.shared();

	@LocalServerPort
	protected int port;

	@Autowired
	protected ClusterMonitor monitor;

	protected WebTestClient client;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		registry.add("coffer.gateway.nodes", () -> FakeCluster.shared().nodesProperty());
		registry.add("coffer.gateway.health-interval", () -> "1h");
		registry.add("coffer.gateway.failover-budget", () -> FAILOVER_BUDGET.toMillis() + "ms");
		registry.add("coffer.gateway.retry-interval", () -> "100ms");
		registry.add("coffer.gateway.response-timeout", () -> RESPONSE_TIMEOUT.toMillis() + "ms");
		registry.add("coffer.identity.signing-key", SIGNING_KEY::toString);
	}

	/** An already-encoded gateway URL (a URI template would encode it a second time). */
	protected URI rawUrl(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	@BeforeEach
	void resetCluster() {
		this.cluster.reset();
		this.monitor.refresh().block(Duration.ofSeconds(5));
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(15))
			.build();
	}

}
