package io.coffer.gateway.identity;

import io.coffer.gateway.error.ForwardedForRejectedException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Decides each request's client address once, before anything is sent to a node, and
 * keeps it on the exchange ({@link #ATTRIBUTE}) for every identity signed for that
 * request (each proxy attempt, the seal fan-out). A request the {@code X-Forwarded-For}
 * settings refuse never reaches a node. Only the Vault API ({@code /v1/}) is checked: the
 * load balancer's probes ({@code /livez}, {@code /readyz}) do not go through the client's
 * proxy.
 */
public class ClientAddressFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the client's IP literal (absent: no IP peer). */
	public static final String ATTRIBUTE = ClientAddressFilter.class.getName() + ".address";

	private final ClientAddresses addresses;

	ClientAddressFilter(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/v1/")) {
			return chain.filter(exchange);
		}
		String address;
		try {
			address = this.addresses.resolve(exchange.getRequest());
		}
		catch (ForwardedForRejectedException ex) {
			return Mono.error(ex);
		}
		if (address != null) {
			exchange.getAttributes().put(ATTRIBUTE, address);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

}
