package io.coffer.secrets.lease;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.lease}: where lease-service listens and how long the node
 * waits for it. The node signs its calls with its own key
 * ({@code coffer.identity.signing-key}, caller name {@code secrets}).
 *
 * @param urls lease-service base URLs, tried in order (the next one when a URL does not
 * connect, times out or answers 5xx); empty = no lease-service: a response carrying a
 * secret then fails with the secret revoked
 * @param connectTimeout how long to wait for a connection to one URL
 * @param timeout how long to wait for one URL's answer
 * @param tokenRevocationBacklog how many revoked tokens may wait to be reported to
 * lease-service; beyond it a report is dropped (logged), its leases then only expire
 * @param mountRevocationTimeout how long disabling a mount waits for lease-service to
 * revoke the mount's leases (lease-service itself gives up after its
 * {@code coffer.lease.revoke-mount-timeout}, 45 s by default; the gateway waits 60 s for
 * a node)
 */
@ConfigurationProperties("coffer.lease")
public record LeaseProperties(List<URI> urls, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("10s") Duration timeout, @DefaultValue("10000") int tokenRevocationBacklog,
		@DefaultValue("55s") Duration mountRevocationTimeout) {

	public LeaseProperties {
		urls = (urls != null) ? List.copyOf(urls) : List.of();
	}

}
