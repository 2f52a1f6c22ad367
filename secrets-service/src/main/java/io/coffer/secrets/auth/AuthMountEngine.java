package io.coffer.secrets.auth;

import java.util.Optional;

import io.coffer.secrets.auth.lockout.UserLockouts;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.token.LoginGrant;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.TokenIssuer;

/**
 * Serves one auth mount to the request path: login paths turn the method's grant into a
 * token; every other path goes to the method. A login's stand-in caller is refused
 * anywhere but a login path, so it can never reach a method's management paths.
 */
final class AuthMountEngine implements SecretEngine, CallerAware {

	private final AuthMethod method;

	private final TokenIssuer issuer;

	private final MountEntry mount;

	private final UserLockouts lockouts;

	AuthMountEngine(AuthMethod method, TokenIssuer issuer, MountEntry mount, UserLockouts lockouts) {
		this.method = method;
		this.issuer = issuer;
		this.mount = mount;
		this.lockouts = lockouts;
	}

	@Override
	public boolean isUnauthenticated(String path) {
		return this.method.isLoginPath(path);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		throw VaultException.permissionDenied();
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (this.method.isLoginPath(request.path())) {
			if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
				throw VaultException.unsupportedOperation();
			}
			return this.issuer.login(login(request));
		}
		if (caller.entry().isLoginCaller()) {
			throw VaultException.permissionDenied();
		}
		return this.method.handle(request);
	}

	/**
	 * Vault's order: a locked user is refused before the credentials are checked; bad
	 * credentials count towards the lock; a success clears the count.
	 */
	private LoginGrant login(LogicalRequest request) {
		Optional<String> alias = this.method.lockoutAlias(request);
		if (alias.isEmpty()) {
			return this.method.login(request);
		}
		this.lockouts.requireUnlocked(this.mount.accessor(), alias.get());
		LoginGrant grant;
		try {
			grant = this.method.login(request);
		}
		catch (InvalidCredentialsException ex) {
			this.lockouts.failedLogin(this.mount.accessor(), alias.get());
			throw ex;
		}
		this.lockouts.succeededLogin(this.mount.accessor(), alias.get());
		return grant;
	}

	@Override
	public boolean exists(LogicalRequest request) {
		return this.method.isLoginPath(request.path()) || this.method.exists(request);
	}

}
