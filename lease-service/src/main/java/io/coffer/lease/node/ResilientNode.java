package io.coffer.lease.node;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.coffer.common.lease.LeaseRenewal;
import io.coffer.common.lease.LeaseRenewalRequest;
import io.coffer.common.lease.LeaseRevocation;
import io.coffer.common.lease.LeaseRevocationResults;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The node calls with Resilience4j around them: a retry with exponential backoff while no
 * node can be asked, inside it a circuit breaker that opens when the nodes keep being
 * unreachable, so that a worker stops hammering them and its leases wait in the queue.
 * Only unavailability counts: an engine refusing one lease is that lease's business and
 * neither retried here nor held against the nodes.
 */
public class ResilientNode {

	private final NodeClient client;

	private final Retry retry;

	private final CircuitBreaker breaker;

	/**
	 * @param client the node calls
	 * @param attempts attempts of one call while no node is reachable
	 * @param firstWait the first wait between them, doubled each time
	 * @param breakerOpen how long the breaker stays open
	 */
	public ResilientNode(NodeClient client, int attempts, Duration firstWait, Duration breakerOpen) {
		this.client = client;
		this.retry = Retry.of("secrets-node",
				RetryConfig.custom()
					.maxAttempts(Math.max(attempts, 1))
					.intervalFunction(IntervalFunction.ofExponentialBackoff(firstWait, 2.0))
					.retryExceptions(NodeUnavailableException.class)
					.ignoreExceptions(CallNotPermittedException.class, NodeRefusedException.class,
							BatchUnsupportedException.class)
					.build());
		this.breaker = CircuitBreaker.of("secrets-node",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(20)
					.minimumNumberOfCalls(10)
					.failureRateThreshold(50)
					.waitDurationInOpenState(breakerOpen)
					.recordExceptions(NodeUnavailableException.class)
					.build());
	}

	/** See {@link NodeClient#revoke}. */
	public void revoke(LeaseRevocation revocation) {
		call(() -> {
			this.client.revoke(revocation);
			return null;
		});
	}

	/** See {@link NodeClient#revokeAll}. */
	public List<LeaseRevocationResults.Outcome> revokeAll(List<LeaseRevocation> revocations) {
		return call(() -> this.client.revokeAll(revocations));
	}

	/** See {@link NodeClient#renew}. */
	public LeaseRenewal renew(LeaseRenewalRequest request) {
		return call(() -> this.client.renew(request));
	}

	/** The breaker's state. */
	public CircuitBreaker.State breakerState() {
		return this.breaker.getState();
	}

	/** Closes the breaker and forgets its history, e.g. once the nodes are known back. */
	public void reset() {
		this.breaker.reset();
	}

	private <T> T call(Supplier<T> call) {
		try {
			return Retry.decorateSupplier(this.retry, CircuitBreaker.decorateSupplier(this.breaker, call)).get();
		}
		catch (CallNotPermittedException ex) {
			throw new NodeUnavailableException("calls to the secrets nodes are paused (circuit breaker open)");
		}
	}

}
