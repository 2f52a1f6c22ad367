package io.coffer.gateway.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A snapshot of every configured node's state, in configuration order.
 *
 * @param nodes one status per configured node
 */
public record ClusterView(List<NodeStatus> nodes) {

	public ClusterView {
		nodes = List.copyOf(nodes);
	}

	public static ClusterView unknown(List<URI> nodes) {
		return new ClusterView(nodes.stream().map((node) -> new NodeStatus(node, NodeState.UNKNOWN)).toList());
	}

	/**
	 * The active node. Two nodes may both claim it for a moment during a failover; the
	 * first one in configuration order is used and a stale claim is corrected by its
	 * standby answer.
	 */
	public Optional<URI> active() {
		return first((status) -> status.state() == NodeState.ACTIVE);
	}

	/** Whether some reachable node is an unsealed standby, so an election may follow. */
	public boolean hasStandby() {
		return first((status) -> status.state() == NodeState.STANDBY).isPresent();
	}

	public boolean anyReachable() {
		return first((status) -> status.state().isReachable()).isPresent();
	}

	/**
	 * The node whose answer is authoritative when nothing is unsealed: the first sealed
	 * or uninitialized node, and only when no unsealed node exists.
	 */
	public Optional<URI> sealedFallback() {
		if (active().isPresent() || hasStandby()) {
			return Optional.empty();
		}
		return first((status) -> status.state() == NodeState.SEALED || status.state() == NodeState.UNINITIALIZED);
	}

	/** Reachable nodes, the active one first, then the others in configuration order. */
	public List<URI> reachableActiveFirst() {
		List<URI> ordered = new ArrayList<>();
		active().ifPresent(ordered::add);
		nodes.stream()
			.filter((status) -> status.state().isReachable() && !ordered.contains(status.node()))
			.forEach((status) -> ordered.add(status.node()));
		return ordered;
	}

	/**
	 * Every node not known to be sealed (unsealed, unreachable, unknown or answering
	 * oddly), the active one first, then the others in configuration order: the nodes a
	 * seal must reach before the cluster can be called sealed.
	 */
	public List<URI> notKnownSealedActiveFirst() {
		List<URI> ordered = new ArrayList<>();
		active().ifPresent(ordered::add);
		nodes.stream()
			.filter((status) -> status.state() != NodeState.SEALED && status.state() != NodeState.UNINITIALIZED
					&& !ordered.contains(status.node()))
			.forEach((status) -> ordered.add(status.node()));
		return ordered;
	}

	public NodeState stateOf(URI node) {
		return nodes.stream()
			.filter((status) -> status.node().equals(node))
			.map(NodeStatus::state)
			.findFirst()
			.orElse(NodeState.UNKNOWN);
	}

	private Optional<URI> first(Predicate<NodeStatus> condition) {
		return nodes.stream().filter(condition).map(NodeStatus::node).findFirst();
	}

}
