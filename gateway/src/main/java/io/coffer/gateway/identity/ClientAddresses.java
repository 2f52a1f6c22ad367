package io.coffer.gateway.identity;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.coffer.support.net.Cidr;
import io.coffer.support.net.IpAddresses;
import io.coffer.gateway.error.ForwardedForRejectedException;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Decides a request's client address, as Vault's listener does: the peer address of the
 * TCP connection, unless proxies are authorized ({@link ForwardedForProperties}) — then a
 * request from an authorized peer takes the right-most {@code X-Forwarded-For} entry
 * after {@code hop-skips}, a request from any other peer keeps its own address (or is
 * refused), and a request without the header is refused unless configured otherwise.
 * Forwarded entries must be IP literals: a node compares the address with CIDR blocks and
 * is never handed a name to resolve.
 */
final class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<Cidr> authorized;

	private final ForwardedForProperties settings;

	ClientAddresses(ForwardedForProperties settings) {
		this.settings = settings;
		this.authorized = settings.authorizedBlocks();
	}

	/**
	 * The client address of {@code request}, or null when the connection has no IP peer
	 * (then no CIDR-bound credential can be used).
	 * @throws ForwardedForRejectedException when the settings refuse the request (400)
	 */
	String resolve(ServerHttpRequest request) {
		String peer = peerAddress(request.getRemoteAddress());
		if (this.authorized.isEmpty()) {
			return peer;
		}
		List<String> forwarded = request.getHeaders().getValuesAsList(FORWARDED_FOR);
		if (forwarded.isEmpty()) {
			if (this.settings.rejectNotPresent()) {
				throw new ForwardedForRejectedException(
						"missing x-forwarded-for header and configured to reject when not present");
			}
			return peer;
		}
		if (peer == null || this.authorized.stream().noneMatch((block) -> block.contains(peer))) {
			if (this.settings.rejectNotAuthorized()) {
				throw new ForwardedForRejectedException(
						"client address not authorized for x-forwarded-for and configured to reject connection");
			}
			return peer;
		}
		return forwardedClient(forwarded);
	}

	private String forwardedClient(List<String> headers) {
		List<String> chain = new ArrayList<>();
		for (String header : headers) {
			for (String part : header.split(",", -1)) {
				chain.add(part.trim());
			}
		}
		int index = chain.size() - 1 - this.settings.hopSkips();
		if (index < 0) {
			throw new ForwardedForRejectedException(
					"malformed x-forwarded-for configuration or request, hops to skip (" + this.settings.hopSkips()
							+ ") would skip before earliest chain link (chain length " + chain.size() + ")");
		}
		try {
			return IpAddresses.format(IpAddresses.parse(chain.get(index)));
		}
		catch (IllegalArgumentException ex) {
			throw new ForwardedForRejectedException("the x-forwarded-for client address is not an IP address");
		}
	}

	private static String peerAddress(InetSocketAddress remote) {
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		return IpAddresses.format(remote.getAddress());
	}

}
