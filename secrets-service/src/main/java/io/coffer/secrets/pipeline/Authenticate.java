package io.coffer.secrets.pipeline;

import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.router.Router;
import io.coffer.secrets.token.TokenStore;
import io.coffer.secrets.wrapping.WrappingPaths;

import org.springframework.stereotype.Component;

/**
 * Step {@code authenticate}: resolves the caller's token, taking one use of a use-limited
 * token. Login paths of auth methods take no token: their caller is a policy-less
 * stand-in that skips the ACL check, as Vault does for unauthenticated paths; the auth
 * mount serves nothing but the login itself to that caller. The same stand-in calls the
 * wrapping paths whose credential is the wrapping token itself; their endpoint checks
 * that token.
 */
@Component
class Authenticate implements RequestStep {

	private final TokenStore tokens;

	private final Router router;

	Authenticate(TokenStore tokens, Router router) {
		this.tokens = tokens;
		this.router = router;
	}

	@Override
	public String name() {
		return "authenticate";
	}

	@Override
	public void apply(RequestState state) {
		VaultHttpRequest request = state.http();
		String path = state.path();
		TokenEntry entry;
		if (isLoginPath(path) || WrappingPaths.authenticatesWithWrappingToken(path, request.data(), request.token())
				|| isPublicMountListing(path, request.token())) {
			entry = TokenEntry.unauthenticatedLogin();
		}
		else {
			entry = this.tokens.use(request.token()).orElseThrow(() -> Authorize.denied(path));
		}
		state.caller(new Caller(request.token(), entry));
	}

	/**
	 * {@code GET sys/internal/ui/mounts} without a token: Vault answers it with the
	 * mounts whose {@code listing_visibility} is {@code unauth}. With a token it is the
	 * token's view.
	 */
	private static boolean isPublicMountListing(String path, String token) {
		return (token == null || token.isEmpty()) && path.equals("sys/internal/ui/mounts");
	}

	/**
	 * Auth methods' logins, and the few engine paths Vault serves without a token (the
	 * pki engine's CA and CRL). {@code sys/} is never resolved here: its unauthenticated
	 * endpoints are raw paths served before this step.
	 */
	private boolean isLoginPath(String path) {
		return !path.startsWith("sys/") && this.router.route(path)
			.map((route) -> route.engine().isUnauthenticated(route.relative(path)))
			.orElse(false);
	}

}
