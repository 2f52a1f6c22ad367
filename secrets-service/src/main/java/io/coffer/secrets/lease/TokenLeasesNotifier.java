package io.coffer.secrets.lease;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.coffer.common.lease.TokenLeasesRevocation;
import io.coffer.secrets.token.TokenRevokedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells lease-service of every revoked token (revoke, revoke-self, revoke-orphan,
 * revoke-accessor, a parent's revocation, the last use, tidy of expired tokens) so it
 * revokes the leases the token created, as Vault revokes a token's leases with it. Best
 * effort and after the fact: the revocation is already stored when the event arrives, and
 * the report is sent from a background thread, so lease-service being down never delays
 * or fails a revocation. A report lease-service did not take is sent again after
 * {@link #RETRY_DELAYS} (a revoked token's leases would otherwise live to their TTL); one
 * it refused (4xx) is not. Beyond {@code coffer.lease.token-revocation-backlog} reports
 * waiting, new ones are dropped and logged. Logs never carry the accessor.
 */
@Component
class TokenLeasesNotifier implements DisposableBean {

	/** The pauses before each new attempt of one report. */
	static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
			Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

	private static final Logger logger = LoggerFactory.getLogger(TokenLeasesNotifier.class);

	private final LeaseServiceClient leaseService;

	private final int backlog;

	private final AtomicInteger waiting = new AtomicInteger();

	private final ScheduledThreadPoolExecutor sender;

	TokenLeasesNotifier(LeaseServiceClient leaseService, LeaseProperties settings) {
		this.leaseService = leaseService;
		this.backlog = Math.max(1, settings.tokenRevocationBacklog());
		this.sender = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "lease-token-revocations");
			thread.setDaemon(true);
			return thread;
		});
		this.sender.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	@EventListener
	void onTokenRevoked(TokenRevokedEvent event) {
		if (!this.leaseService.configured() || event.accessor() == null || event.accessor().isEmpty()) {
			return;
		}
		if (this.waiting.incrementAndGet() > this.backlog) {
			this.waiting.decrementAndGet();
			logger.warn("Too many revoked tokens waiting to be reported to lease-service; one report dropped "
					+ "(its leases expire at their TTL)");
			return;
		}
		TokenLeasesRevocation revocation = new TokenLeasesRevocation(event.accessor());
		this.sender.execute(() -> attempt(revocation, 0));
	}

	private void attempt(TokenLeasesRevocation revocation, int retries) {
		try {
			this.leaseService.revokeTokenLeases(revocation);
			this.waiting.decrementAndGet();
		}
		catch (LeaseServiceException ex) {
			boolean refused = ex.status() >= 400 && ex.status() < 500;
			if (refused || retries >= RETRY_DELAYS.size()) {
				this.waiting.decrementAndGet();
				logger.warn("lease-service was not told of a revoked token ({}); its leases expire at their TTL",
						ex.getMessage());
				return;
			}
			logger.info("lease-service did not take a revoked token's report ({}); trying again in {}", ex.getMessage(),
					RETRY_DELAYS.get(retries));
			this.sender.schedule(() -> attempt(revocation, retries + 1), RETRY_DELAYS.get(retries).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			this.waiting.decrementAndGet();
			logger.warn("Reporting a revoked token to lease-service failed: {}", ex.getClass().getName());
		}
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

}
