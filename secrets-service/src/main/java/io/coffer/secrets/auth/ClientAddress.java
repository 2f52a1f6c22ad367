package io.coffer.secrets.auth;

import java.util.Optional;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The remote address of the HTTP request being served, for CIDR-bound credentials. Empty
 * outside a request; behind a proxy it is the proxy's address.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static Optional<String> current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			return Optional.ofNullable(servlet.getRequest().getRemoteAddr());
		}
		return Optional.empty();
	}

}
