package io.coffer.gateway.seal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.coffer.gateway.error.SealIncompleteException;

/**
 * What sending {@code sys/seal} to one node achieved, and the cluster's answer from all
 * of them.
 *
 * @param node the node
 * @param reply its answer; empty when it gave none (unreachable, reset, timeout)
 */
record SealOutcome(URI node, Optional<NodeReply> reply) {

	private static final int FORBIDDEN = 403;

	private static final int SERVICE_UNAVAILABLE = 503;

	/** The token was refused: nothing further is sent and the refusal is the answer. */
	boolean isRefused() {
		return this.reply.filter((answer) -> answer.status() == FORBIDDEN).isPresent();
	}

	/** The node is sealed now: it sealed, or says it already was. */
	boolean isSealed() {
		return this.reply.filter((answer) -> answer.isSuccess() || isAlreadySealed(answer)).isPresent();
	}

	/**
	 * A refusal as is; else, when every node is sealed, the first success (204) or, if
	 * none sealed now, the first "already sealed" answer; empty when nothing was sent.
	 * @throws SealIncompleteException when some node may still be unsealed
	 */
	static Optional<NodeReply> clusterAnswer(List<SealOutcome> outcomes) {
		Optional<NodeReply> refused = outcomes.stream()
			.filter(SealOutcome::isRefused)
			.findFirst()
			.flatMap(SealOutcome::reply);
		if (refused.isPresent()) {
			return refused;
		}
		List<String> unsealed = outcomes.stream()
			.filter((outcome) -> !outcome.isSealed())
			.map(SealOutcome::describe)
			.toList();
		if (!unsealed.isEmpty()) {
			throw new SealIncompleteException(unsealed);
		}
		return outcomes.stream()
			.flatMap((outcome) -> outcome.reply().stream())
			.filter(NodeReply::isSuccess)
			.findFirst()
			.or(() -> outcomes.stream().flatMap((outcome) -> outcome.reply().stream()).findFirst());
	}

	private String describe() {
		return this.node + this.reply.map((answer) -> " (answered " + answer.status() + ")").orElse(" (no answer)");
	}

	private static boolean isAlreadySealed(NodeReply reply) {
		return reply.status() == SERVICE_UNAVAILABLE
				&& new String(reply.body(), StandardCharsets.UTF_8).contains("Vault is sealed");
	}

}
