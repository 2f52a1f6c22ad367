package io.coffer.secrets.pipeline;

import java.util.Map;

import io.coffer.secrets.http.ResponseWriter;
import io.coffer.secrets.http.VaultHttpRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.wrapping.WrapInfo;
import io.coffer.secrets.wrapping.WrapRequest;
import io.coffer.secrets.wrapping.WrappingPaths;
import io.coffer.secrets.wrapping.WrappingService;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Step {@code wrap}, the last: the envelope a client gets, or, with
 * {@code X-Vault-Wrap-TTL}, that envelope stored behind a wrapping token and only
 * {@code wrap_info} sent. Responses without a body (204) and responses with a forced
 * status (e.g. KV v2's 404 with metadata) are sent as they are, as Vault wraps neither;
 * so is a binary body (a snapshot).
 */
@Component
class Wrap implements RequestStep {

	private final WrappingService wrapping;

	Wrap(WrappingService wrapping) {
		this.wrapping = wrapping;
	}

	@Override
	public String name() {
		return "wrap";
	}

	@Override
	public void apply(RequestState state) {
		state.result(respond(state.http(), state.route().mount(), state.response()));
	}

	private ResponseEntity<Object> respond(VaultHttpRequest request, MountEntry mount, LogicalResponse response) {
		if (response.body() != null) {
			// a binary body (a snapshot) is no envelope: Vault sends it as it is,
			// unwrapped
			return ResponseWriter.binary(response.body());
		}
		String path = request.path();
		if (path.equals(WrappingPaths.REWRAP)) {
			return ResponseWriter.wrapped(response.data(), request.requestId(), mount.type(), response.warnings());
		}
		boolean unwrap = path.equals(WrappingPaths.UNWRAP);
		// An unwrap's data is the original envelope, sent as it was stored.
		Map<String, Object> envelope = unwrap ? response.data()
				: ResponseWriter.envelope(response, request.requestId(), mount.type());
		if (envelope == null) {
			return ResponseWriter.noContent();
		}
		int status = unwrap ? 200 : ResponseWriter.status(response);
		if (request.wrapTtl() == null || status != 200) {
			return ResponseWriter.json(status, envelope);
		}
		WrapInfo info = this.wrapping.wrap(envelope, new WrapRequest(path, mount.path(), request.wrapTtl()));
		return ResponseWriter.wrapped(info.toMap(), request.requestId(), mount.type(), response.warnings());
	}

}
