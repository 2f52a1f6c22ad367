package io.coffer.secrets.identity;

import java.time.Instant;
import java.util.function.Supplier;

import io.coffer.common.identity.InternalIdentity;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Runs code as a request whose verified internal identity names a client address, as the
 * identity filter leaves it for a request from the gateway; for tests that call handlers
 * without HTTP.
 */
public final class FromAddress {

	private FromAddress() {
	}

	public static <T> T call(String address, Supplier<T> action) {
		Jwt identity = Jwt.withTokenValue("test-identity")
			.header("alg", "ES256")
			.claim(InternalIdentity.CLIENT_ADDRESS_CLAIM, address)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(30))
			.build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(identity));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	public static void run(String address, Runnable action) {
		call(address, () -> {
			action.run();
			return null;
		});
	}

}
