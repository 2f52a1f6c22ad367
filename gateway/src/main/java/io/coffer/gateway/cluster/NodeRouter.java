package io.coffer.gateway.cluster;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.coffer.gateway.error.NoActiveNodeException;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Mono;

/**
 * Chooses the node a request goes to and retries it while that is safe.
 * <p>
 * {@link #toActive} sends to the active node. When the send fails with
 * {@link NotExecutedException} (connect refused, standby answer, no active known) the
 * cluster is re-probed and the request retried on the new active until the failover
 * budget is spent. When every reachable node is sealed or uninitialized no election can
 * happen, so the request goes at once to that node and the client sees Vault's real
 * answer. Otherwise the budget ends in {@link NoActiveNodeException}.
 */
public class NodeRouter {

	private final ClusterMonitor monitor;

	private final Retry retry;

	private final Clock clock;

	private final Duration budget;

	public NodeRouter(ClusterMonitor monitor, Retry retry, Clock clock, Duration budget) {
		this.monitor = monitor;
		this.retry = retry;
		this.clock = clock;
		this.budget = budget;
	}

	public <T> Mono<T> toActive(Function<URI, Mono<T>> send) {
		return Mono.defer(() -> {
			Instant deadline = this.clock.instant().plus(this.budget);
			return Mono.defer(() -> attemptOnActive(send, deadline))
				.transformDeferred(RetryOperator.of(this.retry))
				.onErrorResume(NodeRouter::isGivingUp, (error) -> lastResort(send));
		});
	}

	/**
	 * Sends to the active node, else to the other reachable nodes in configuration order:
	 * for a node's own endpoints (health, seal-status, init, leader) whose answer is
	 * meaningful on any node.
	 */
	public <T> Mono<T> toAnyReachable(Function<URI, Mono<T>> send) {
		List<URI> known = this.monitor.current().reachableActiveFirst();
		Mono<List<URI>> candidates = known.isEmpty() ? this.monitor.refresh().map(ClusterView::reachableActiveFirst)
				: Mono.just(known);
		return candidates.flatMap((nodes) -> inOrder(nodes, 0, send));
	}

	private <T> Mono<T> inOrder(List<URI> nodes, int index, Function<URI, Mono<T>> send) {
		if (index >= nodes.size()) {
			return Mono.error(new NoActiveNodeException());
		}
		return send.apply(nodes.get(index)).onErrorResume(NotExecutedException.class, (error) -> {
			this.monitor.refresh().subscribe();
			return inOrder(nodes, index + 1, send);
		});
	}

	private <T> Mono<T> attemptOnActive(Function<URI, Mono<T>> send, Instant deadline) {
		if (this.clock.instant().isAfter(deadline)) {
			return Mono.error(new StopWaitingException());
		}
		ClusterView known = this.monitor.current();
		Mono<ClusterView> view = known.active().isPresent() ? Mono.just(known) : this.monitor.refresh();
		return view.flatMap((current) -> {
			Optional<URI> active = current.active();
			if (active.isPresent()) {
				return send.apply(active.get())
					.onErrorResume(NotExecutedException.class,
							(error) -> this.monitor.refresh().then(Mono.error(error)));
			}
			if (current.hasStandby() || !current.anyReachable()) {
				return Mono.error(NotExecutedException.noActiveYet());
			}
			return Mono.error(new StopWaitingException());
		});
	}

	private <T> Mono<T> lastResort(Function<URI, Mono<T>> send) {
		return this.monitor.current()
			.sealedFallback()
			.map((node) -> send.apply(node)
				.onErrorMap(NotExecutedException.class, (error) -> new NoActiveNodeException()))
			.orElseGet(() -> Mono.error(new NoActiveNodeException()));
	}

	private static boolean isGivingUp(Throwable error) {
		return error instanceof NotExecutedException || error instanceof StopWaitingException;
	}

	/**
	 * Ends the waiting: the budget is spent or no election can produce an active node.
	 */
	private static final class StopWaitingException extends RuntimeException {

		StopWaitingException() {
			super("stopped waiting for an active secrets node", null, false, false);
		}

	}

}
