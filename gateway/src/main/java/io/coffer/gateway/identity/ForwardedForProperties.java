package io.coffer.gateway.identity;

import java.util.List;

import io.coffer.support.net.Cidr;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code coffer.gateway.x-forwarded-for}: Vault's TCP listener options
 * {@code x_forwarded_for_authorized_addrs}, {@code x_forwarded_for_hop_skips},
 * {@code x_forwarded_for_reject_not_authorized} and
 * {@code x_forwarded_for_reject_not_present}, with Vault's defaults. Without authorized
 * addresses (the default) {@code X-Forwarded-For} is never read: the client address is
 * the peer of the TCP connection.
 *
 * @param authorizedAddrs CIDR blocks (IP literals only) of the proxies whose
 * {@code X-Forwarded-For} is trusted; empty turns the feature off
 * @param hopSkips how many addresses to skip from the end of the forwarded chain
 * @param rejectNotAuthorized refuse (400) a request that carries {@code X-Forwarded-For}
 * from a peer that is not authorized; when false the header is ignored and the peer
 * address used
 * @param rejectNotPresent refuse (400) a request without {@code X-Forwarded-For}; when
 * false the peer address is used
 */
@ConfigurationProperties("coffer.gateway.x-forwarded-for")
public record ForwardedForProperties(@DefaultValue List<String> authorizedAddrs, @DefaultValue("0") int hopSkips,
		@DefaultValue("true") boolean rejectNotAuthorized, @DefaultValue("true") boolean rejectNotPresent) {

	public ForwardedForProperties {
		authorizedAddrs = List.copyOf(authorizedAddrs);
		for (String block : authorizedAddrs) {
			try {
				Cidr.parse(block);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("coffer.gateway.x-forwarded-for.authorized-addrs: '" + block
						+ "' is not an IP address or CIDR block (host names are not resolved)", ex);
			}
		}
		if (hopSkips < 0) {
			throw new IllegalArgumentException(
					"coffer.gateway.x-forwarded-for.hop-skips cannot be negative but set to " + hopSkips);
		}
	}

	/** The authorized blocks, parsed. */
	List<Cidr> authorizedBlocks() {
		return this.authorizedAddrs.stream().map(Cidr::parse).toList();
	}

}
