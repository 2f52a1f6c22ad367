package io.coffer.secrets.pipeline;

import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.router.Route;
import io.coffer.secrets.router.Router;

import org.springframework.stereotype.Component;

/**
 * Step {@code route}: finds the mount owning the path in the router's one table (404
 * {@code no handler for route} when none does) and builds the logical request, with the
 * path relative to that mount.
 */
@Component
class Routing implements RequestStep {

	private final Router router;

	Routing(Router router) {
		this.router = router;
	}

	@Override
	public String name() {
		return "route";
	}

	@Override
	public void apply(RequestState state) {
		VaultHttpRequest request = state.http();
		Route route = this.router.require(state.path());
		state.route(route);
		state.logical(new LogicalRequest(request.operation(), route.relative(state.path()), request.data(),
				route.mount(), request.requestId()));
	}

}
