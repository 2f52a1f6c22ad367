package io.coffer.gateway.seal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.coffer.gateway.cluster.ClusterMonitor;
import io.coffer.gateway.cluster.NodeRouter;
import io.coffer.gateway.cluster.NotExecutedException;
import io.coffer.gateway.error.NoActiveNodeException;
import io.coffer.gateway.error.SealIncompleteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The seal lifecycle across the cluster, so that the cluster behaves as one Vault: every
 * node keeps its own seal, so an unseal share goes to every node and a seal reaches every
 * unsealed node.
 */
public class SealFanOut {

	private static final Logger logger = LoggerFactory.getLogger(SealFanOut.class);

	private static final int BAD_REQUEST = 400;

	private final ClusterMonitor monitor;

	private final NodeRouter router;

	private final NodeClient client;

	private final SealStatusReader sealStatus;

	public SealFanOut(ClusterMonitor monitor, NodeRouter router, NodeClient client, SealStatusReader sealStatus) {
		this.monitor = monitor;
		this.router = router;
		this.client = client;
		this.sealStatus = sealStatus;
	}

	/**
	 * Sends the same unseal request to every node and answers like one Vault would: the
	 * status of the first node now unsealed, else a rejection of the request (400) as is,
	 * else the status of the first node that answered (its progress). An unsealed node
	 * wins over a rejection because a single unsealed Vault also answers its status
	 * whatever share it is sent.
	 */
	public Mono<NodeReply> unseal(NodeCall call) {
		return Flux.fromIterable(this.monitor.nodes())
			.flatMapSequential((node) -> answerOf(node, call))
			.flatMap(Mono::justOrEmpty)
			.collectList()
			.doOnTerminate(this::refreshSoon)
			.flatMap((replies) -> Mono.justOrEmpty(unsealAnswer(replies)))
			.switchIfEmpty(Mono.error(NoActiveNodeException::new));
	}

	/**
	 * Seals the active node first, so a refused token (403) stops before any node is
	 * sealed, then every other node not known to be sealed, unreachable ones included.
	 * Answers 204 only when every such node sealed (or answered that it already is); when
	 * some node may still be unsealed (no answer, or an error) the call fails with
	 * {@link SealIncompleteException} naming those nodes, because a 204 would tell the
	 * operator the cluster stopped serving while one node goes on. With nothing left to
	 * seal the request goes to a reachable node, whose answer ({@code Vault is sealed})
	 * is the cluster's.
	 */
	public Mono<NodeReply> seal(NodeCall call) {
		return this.monitor.refresh().flatMap((view) -> {
			List<URI> targets = view.notKnownSealedActiveFirst();
			return Flux.fromIterable(targets)
				.concatMap((node) -> answerOf(node, call).map((reply) -> new SealOutcome(node, reply)))
				.takeUntil(SealOutcome::isRefused)
				.collectList()
				.flatMap((outcomes) -> Mono.justOrEmpty(SealOutcome.clusterAnswer(outcomes)));
		})
			.switchIfEmpty(Mono.defer(() -> this.router.toAnyReachable((node) -> this.client.send(node, call))))
			.doOnTerminate(this::refreshSoon);
	}

	private Mono<Optional<NodeReply>> answerOf(URI node, NodeCall call) {
		return this.client.send(node, call).map(Optional::of).onErrorResume((error) -> {
			if (!(error instanceof NotExecutedException)) {
				logger.warn("Secrets node {} gave no answer to {} {}: {}", node, call.method(), call.rawPath(),
						error.getClass().getSimpleName());
			}
			return Mono.just(Optional.empty());
		});
	}

	private Optional<NodeReply> unsealAnswer(List<NodeReply> allReplies) {
		// A node that has not yet applied the init entry answers "not initialized"; right
		// after init that is
		// replication lag, not the cluster's answer, so it only counts when every node
		// says so.
		List<NodeReply> initialized = allReplies.stream().filter((reply) -> !isNotInitialized(reply)).toList();
		List<NodeReply> replies = initialized.isEmpty() ? allReplies : initialized;
		return firstMatching(replies, this.sealStatus::isUnsealed)
			.or(() -> firstMatching(replies, (reply) -> reply.status() == BAD_REQUEST))
			.or(() -> replies.stream().findFirst());
	}

	private static boolean isNotInitialized(NodeReply reply) {
		return reply.status() == BAD_REQUEST
				&& new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8).contains("not initialized");
	}

	private static Optional<NodeReply> firstMatching(List<NodeReply> replies, Predicate<NodeReply> condition) {
		return replies.stream().filter(condition).findFirst();
	}

	private void refreshSoon() {
		this.monitor.refresh().subscribe();
	}

}
