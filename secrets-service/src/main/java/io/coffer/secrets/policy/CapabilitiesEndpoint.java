package io.coffer.secrets.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code sys/capabilities} (another token's capabilities) and
 * {@code sys/capabilities-self} (the caller's): {@code {"<path>": [caps]}}, plus
 * {@code capabilities} when one path was asked, copied to the top level as Vault does.
 */
@Component
class CapabilitiesEndpoint implements SysEndpoint {

	private static final String OTHER = "capabilities";

	private static final String SELF = "capabilities-self";

	private final PolicyService policies;

	private final TokenPolicies tokens;

	CapabilitiesEndpoint(PolicyService policies, TokenPolicies tokens) {
		this.policies = policies;
		this.tokens = tokens;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(OTHER) || path.equals(SELF);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		TokenEntry token = request.path().equals(SELF) ? caller.entry() : entryOf(request.data().get("token"));
		List<String> paths = list(request.data().get("paths"));
		if (paths.isEmpty()) {
			paths = list(request.data().get("path"));
		}
		if (paths.isEmpty()) {
			throw VaultException.badRequest("paths must be supplied");
		}
		Map<String, Object> data = new LinkedHashMap<>();
		for (String path : paths) {
			data.put(path, this.policies.capabilities(token, path));
		}
		if (paths.size() == 1) {
			data.put("capabilities", data.get(paths.get(0)));
		}
		return LogicalResponse.data(data).withTopLevelCopy();
	}

	private TokenEntry entryOf(Object token) {
		if (!(token instanceof String text) || text.isEmpty()) {
			throw VaultException.badRequest("invalid token");
		}
		return this.tokens.entryOf(text).orElseThrow(() -> VaultException.badRequest("invalid token"));
	}

	/** Vault's comma-string-slice: a JSON list, or one string split at commas. */
	private static List<String> list(Object value) {
		List<String> out = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> out.add(String.valueOf(item).trim()));
		}
		else if (value instanceof String text) {
			for (String part : text.split(",")) {
				out.add(part.trim());
			}
		}
		out.removeIf(String::isEmpty);
		return out;
	}

}
