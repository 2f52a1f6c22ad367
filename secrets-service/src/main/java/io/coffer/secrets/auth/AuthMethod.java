package io.coffer.secrets.auth;

import java.util.Optional;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.token.LoginGrant;

/**
 * One mounted auth method. Its login paths take no token and skip the ACL; every other
 * path is reached only by a token whose policies allow it. Like an engine, a method sees
 * only the barrier view of its own mount.
 */
public interface AuthMethod {

	/**
	 * @param path the path below the mount, e.g. {@code login} or {@code login/alice}
	 */
	boolean isLoginPath(String path);

	/**
	 * Checks the credentials of a login request.
	 * @return what the new token gets
	 * @throws io.coffer.secrets.kernel.VaultException 400 for bad credentials, with the
	 * same message whatever was wrong
	 */
	LoginGrant login(LogicalRequest request);

	/**
	 * The user a login request names, for Vault's user lockout (failed logins are counted
	 * per user); empty for methods without lockout.
	 */
	default Optional<String> lockoutAlias(LogicalRequest request) {
		return Optional.empty();
	}

	/** Serves a non-login path (roles, users, secret IDs...). */
	LogicalResponse handle(LogicalRequest request);

	/** Vault's existence check for writes (create vs update); see the engine SPI. */
	default boolean exists(LogicalRequest request) {
		return true;
	}

}
