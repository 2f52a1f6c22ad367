package io.coffer.lease.lease;

import java.time.Clock;

import io.coffer.lease.node.ResilientNode;
import io.coffer.lease.revoke.Revoker;
import io.coffer.lease.revoke.RevocationWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires {@link LeaseService}'s collaborators. */
@Configuration(proxyBeanMethods = false)
public class LeaseConfiguration {

	@Bean
	LeaseService.Collaborators leaseCollaborators(ResilientNode node, Revoker revoker,
			ObjectProvider<RevocationWorker> worker, Clock clock, LeaseMetrics metrics) {
		return new LeaseService.Collaborators(node, revoker, worker, clock, metrics);
	}

}
