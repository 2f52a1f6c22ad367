package io.coffer.secrets.auth;

import io.coffer.secrets.engine.LogicalRequest;
import io.coffer.secrets.engine.LogicalResponse;
import io.coffer.secrets.engine.Operation;
import io.coffer.secrets.engine.SecretEngine;
import io.coffer.secrets.engine.VaultException;
import io.coffer.secrets.token.Caller;
import io.coffer.secrets.token.CallerAware;
import io.coffer.secrets.token.TokenIssuer;

/**
 * Serves one auth mount to the request path: login paths turn the method's grant into a
 * token; every other path goes to the method. A login's stand-in caller is refused
 * anywhere but a login path, so it can never reach a method's management paths.
 */
final class AuthMountEngine implements SecretEngine, CallerAware {

	private final AuthMethod method;

	private final TokenIssuer issuer;

	AuthMountEngine(AuthMethod method, TokenIssuer issuer) {
		this.method = method;
		this.issuer = issuer;
	}

	boolean isLoginPath(String path) {
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
			return this.issuer.login(this.method.login(request));
		}
		if (caller.entry().isLoginCaller()) {
			throw VaultException.permissionDenied();
		}
		return this.method.handle(request);
	}

	@Override
	public boolean exists(LogicalRequest request) {
		return this.method.isLoginPath(request.path()) || this.method.exists(request);
	}

}
