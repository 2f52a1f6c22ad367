package io.coffer.gateway.cluster;

import java.util.List;
import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterViewTest {

	private static final URI A = URI.create("http://a:8210");

	private static final URI B = URI.create("http://b:8211");

	private static final URI C = URI.create("http://c:8212");

	@Test
	void healthCodesMapToVaultDefaults() {
		assertThat(NodeState.fromHealthCode(200)).isEqualTo(NodeState.ACTIVE);
		assertThat(NodeState.fromHealthCode(429)).isEqualTo(NodeState.STANDBY);
		assertThat(NodeState.fromHealthCode(473)).isEqualTo(NodeState.STANDBY);
		assertThat(NodeState.fromHealthCode(503)).isEqualTo(NodeState.SEALED);
		assertThat(NodeState.fromHealthCode(501)).isEqualTo(NodeState.UNINITIALIZED);
		assertThat(NodeState.fromHealthCode(500)).isEqualTo(NodeState.OTHER);
	}

	@Test
	void reachableNodesPutActiveFirstThenConfigurationOrder() {
		ClusterView view = view(NodeState.SEALED, NodeState.UNREACHABLE, NodeState.ACTIVE);

		assertThat(view.active()).contains(C);
		assertThat(view.reachableActiveFirst()).containsExactly(C, A);
		assertThat(view.notKnownSealedActiveFirst()).containsExactly(C, B);
	}

	@Test
	void sealedNodeIsTheAnswerOnlyWhenNothingIsUnsealed() {
		assertThat(view(NodeState.UNREACHABLE, NodeState.SEALED, NodeState.UNINITIALIZED).sealedFallback()).contains(B);
		assertThat(view(NodeState.SEALED, NodeState.STANDBY, NodeState.SEALED).sealedFallback()).isEmpty();
		assertThat(view(NodeState.UNREACHABLE, NodeState.UNREACHABLE, NodeState.UNREACHABLE).sealedFallback())
			.isEmpty();
	}

	@Test
	void unprobedClusterHasNothingReachable() {
		ClusterView view = ClusterView.unknown(List.of(A, B));

		assertThat(view.anyReachable()).isFalse();
		assertThat(view.active()).isEmpty();
		assertThat(view.hasStandby()).isFalse();
	}

	private static ClusterView view(NodeState a, NodeState b, NodeState c) {
		return new ClusterView(List.of(new NodeStatus(A, a), new NodeStatus(B, b), new NodeStatus(C, c)));
	}

}
