package io.coffer.secrets.wrapping;

import java.util.LinkedHashMap;
import java.util.Set;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code sys/wrapping/wrap|unwrap|lookup|rewrap}. What the request path does around them:
 * {@code wrap} is refused unless wrapping was asked for, and the response it returns is
 * then wrapped like any other; {@code unwrap} answers with the original envelope as its
 * data, which is sent as the body; {@code rewrap} answers with the new {@code wrap_info}.
 * See {@link WrappingPaths} for who authenticates how.
 */
@Component
class WrappingEndpoint implements SysEndpoint {

	private static final String PREFIX = "wrapping/";

	private static final Set<String> PATHS = Set.of("wrap", "unwrap", "lookup", "rewrap");

	private final WrappingService wrapping;

	WrappingEndpoint(WrappingService wrapping) {
		this.wrapping = wrapping;
	}

	@Override
	public boolean matches(String path) {
		return path.startsWith(PREFIX) && PATHS.contains(path.substring(PREFIX.length()));
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		String name = request.path().substring(PREFIX.length());
		Operation op = request.operation();
		boolean write = op == Operation.UPDATE || op == Operation.CREATE;
		// Vault still serves a lookup by GET.
		if (!write && !(name.equals("lookup") && op == Operation.READ)) {
			throw VaultException.unsupportedOperation();
		}
		return switch (name) {
			case "wrap" -> LogicalResponse.data(new LinkedHashMap<>(request.data()));
			case "unwrap" -> LogicalResponse.data(this.wrapping.unwrap(token(request, caller)));
			case "lookup" -> LogicalResponse.data(this.wrapping.lookup(token(request, caller)));
			default -> LogicalResponse.data(this.wrapping.rewrap(token(request, caller)).toMap());
		};
	}

	/** The body's token, else the client token (which is then the wrapping token). */
	private static String token(LogicalRequest request, Caller caller) {
		return WrappingPaths.bodyToken(request.data()).orElse(caller.token());
	}

}
