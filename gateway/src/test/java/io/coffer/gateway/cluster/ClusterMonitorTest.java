package io.coffer.gateway.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.coffer.gateway.support.FakeSecretsNode;
import io.coffer.gateway.support.FakeSecretsNode.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterMonitorTest {

	private FakeSecretsNode first;

	private FakeSecretsNode second;

	private ClusterMonitor monitor;

	@BeforeEach
	void startNodes() {
		this.first = FakeSecretsNode.start("first", Mode.ACTIVE);
		this.second = FakeSecretsNode.start("second", Mode.STANDBY);
		HealthProbe probe = new HealthProbe(WebClient.create(), Duration.ofSeconds(1));
		this.monitor = new ClusterMonitor(List.of(this.first.url(), this.second.url()), probe, Duration.ofMillis(50));
	}

	@AfterEach
	void stopAll() {
		this.monitor.stop();
		this.first.stop();
		this.second.stop();
	}

	@Test
	void backgroundPollingFollowsFailover() {
		this.monitor.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.monitor.current().active().isPresent());
		assertThat(this.monitor.current().active()).contains(this.first.url());

		this.first.stop();
		this.second.mode(Mode.ACTIVE);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.monitor.current().active()).contains(this.second.url()));
		assertThat(this.monitor.current().stateOf(this.first.url())).isEqualTo(NodeState.UNREACHABLE);
	}

	@Test
	void concurrentRefreshesShareOneProbeRound() {
		// Held answers keep the first round open while the other seven join it, however
		// slowly this thread runs.
		this.first.healthDelay(Duration.ofMillis(500));
		this.second.healthDelay(Duration.ofMillis(500));
		List<ClusterView> views = Flux.range(0, 8)
			.flatMap((i) -> this.monitor.refresh())
			.collectList()
			.block(Duration.ofSeconds(5));

		assertThat(views).hasSize(8).allSatisfy((view) -> assertThat(view.active()).contains(this.first.url()));
		assertThat(this.first.received("/v1/sys/health")).hasSize(1);
	}

	@Test
	void refreshAfterARoundProbesAgain() {
		this.monitor.refresh().block(Duration.ofSeconds(5));
		this.first.mode(Mode.SEALED);

		ClusterView view = this.monitor.refresh().block(Duration.ofSeconds(5));

		assertThat(view.stateOf(this.first.url())).isEqualTo(NodeState.SEALED);
		assertThat(this.first.received("/v1/sys/health")).hasSize(2);
	}

	@Test
	void nodeWithoutListenerIsUnreachable() {
		URI closed = this.second.url();
		this.second.stop();

		ClusterView view = this.monitor.refresh().block(Duration.ofSeconds(5));

		assertThat(view.stateOf(closed)).isEqualTo(NodeState.UNREACHABLE);
		assertThat(view.reachableActiveFirst()).containsExactly(this.first.url());
	}

}
