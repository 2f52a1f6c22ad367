package io.coffer.secrets.identity;

import java.util.List;
import java.util.Optional;

import io.coffer.common.identity.InternalIdentity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The address of the client a request is served for, for CIDR-bound credentials: the
 * {@value InternalIdentity#CLIENT_ADDRESS_CLAIM} claim of the gateway's signed internal
 * identity (the client's TCP peer, or what a proxy the gateway trusts forwarded). Never
 * the node's own view of the connection (that is the gateway) and never a header a client
 * could set. Empty outside a request, or when the identity names no client: then every
 * CIDR restriction refuses.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static Optional<String> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt identity) {
			return Optional.ofNullable(identity.getClaimAsString(InternalIdentity.CLIENT_ADDRESS_CLAIM));
		}
		return Optional.empty();
	}

	/**
	 * Whether the current client may use something bound to {@code blocks}: always when
	 * there are none, otherwise only from an address inside one of them.
	 */
	public static boolean permitted(List<String> blocks) {
		if (blocks.isEmpty()) {
			return true;
		}
		return current().map((address) -> Cidrs.contains(blocks, address)).orElse(false);
	}

}
