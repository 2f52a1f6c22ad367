package io.coffer.secrets.lease;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * effort and after the fact: the revocation is already stored when the event arrives, the
 * report is sent from a background thread, and lease-service being down never delays or
 * fails a revocation (the leases then run out at their TTL). Reports beyond
 * {@code coffer.lease.token-revocation-backlog} waiting ones are dropped and logged. Logs
 * never carry the accessor.
 */
@Component
class TokenLeasesNotifier implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TokenLeasesNotifier.class);

	private final LeaseServiceClient leaseService;

	private final ThreadPoolExecutor sender;

	TokenLeasesNotifier(LeaseServiceClient leaseService, LeaseProperties settings) {
		this.leaseService = leaseService;
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(Math.max(1, settings.tokenRevocationBacklog())), (task) -> {
					Thread thread = new Thread(task, "lease-token-revocations");
					thread.setDaemon(true);
					return thread;
				});
	}

	@EventListener
	void onTokenRevoked(TokenRevokedEvent event) {
		if (!this.leaseService.configured() || event.accessor() == null || event.accessor().isEmpty()) {
			return;
		}
		TokenLeasesRevocation revocation = new TokenLeasesRevocation(event.accessor());
		try {
			this.sender.execute(() -> send(revocation));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("Too many revoked tokens waiting to be reported to lease-service; one report dropped "
					+ "(its leases expire at their TTL)");
		}
	}

	private void send(TokenLeasesRevocation revocation) {
		try {
			this.leaseService.revokeTokenLeases(revocation);
		}
		catch (LeaseServiceException ex) {
			logger.warn("lease-service was not told of a revoked token ({}); its leases expire at their TTL",
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("Reporting a revoked token to lease-service failed: {}", ex.getClass().getName());
		}
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

}
