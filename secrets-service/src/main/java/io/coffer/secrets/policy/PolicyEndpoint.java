package io.coffer.secrets.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code sys/policy[/:name]} (legacy: {@code rules}, top-level copy of {@code data}) and
 * {@code sys/policies/acl[/:name]}.
 */
@Component
class PolicyEndpoint implements SysEndpoint {

	private static final String LEGACY = "policy";

	private static final String ACL = "policies/acl";

	/** Go's strict standard base64: whole quads, padding only at the end. */
	private static final Pattern BASE64 = Pattern
		.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

	private final PolicyStore store;

	PolicyEndpoint(PolicyStore store) {
		this.store = store;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(LEGACY) || path.startsWith(LEGACY + "/") || path.equals(ACL) || path.startsWith(ACL + "/");
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		boolean legacy = request.path().startsWith(LEGACY);
		String name = request.path().substring(legacy ? LEGACY.length() : ACL.length()).replaceFirst("^/", "");
		LogicalResponse response = name.isEmpty() ? list(request.operation(), legacy)
				: named(request, PolicyStore.normalize(name), legacy);
		return legacy ? response.withTopLevelCopy() : response;
	}

	private LogicalResponse list(Operation operation, boolean legacy) {
		if (operation != Operation.LIST && !(legacy && operation == Operation.READ)) {
			throw VaultException.unsupportedOperation();
		}
		List<String> names = this.store.names();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", names);
		if (legacy) {
			data.put("policies", names);
		}
		return LogicalResponse.data(data);
	}

	private LogicalResponse named(LogicalRequest request, String name, boolean legacy) {
		return switch (request.operation()) {
			case READ -> {
				String text = this.store.text(name).orElseThrow(VaultException::notFound);
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("name", name);
				data.put(legacy ? "rules" : "policy", text);
				yield LogicalResponse.data(data);
			}
			case CREATE, UPDATE -> write(request.data(), name, legacy);
			case DELETE -> {
				this.store.delete(name);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse write(Map<String, Object> data, String name, boolean legacy) {
		List<String> warnings = new ArrayList<>();
		String text = string(data.get("policy"));
		if (text.isEmpty() && legacy) {
			text = string(data.get("rules"));
			warnings.add("'rules' is deprecated, please use 'policy' instead");
		}
		if (text.isEmpty()) {
			throw VaultException.badRequest("'policy' parameter not supplied or empty");
		}
		this.store.write(name, decodeIfBase64(text));
		return warnings.isEmpty() ? LogicalResponse.empty() : LogicalResponse.empty().withWarnings(warnings);
	}

	private static String string(Object value) {
		if (value == null) {
			return "";
		}
		if (!(value instanceof String text)) {
			throw VaultException.badRequest("'policy' must be a string");
		}
		return text;
	}

	/** Vault accepts a policy base64-encoded and stores it decoded. */
	private static String decodeIfBase64(String text) {
		String compact = text.replace("\r", "").replace("\n", "");
		if (compact.isEmpty() || !BASE64.matcher(compact).matches()) {
			return text;
		}
		return new String(Base64.getDecoder().decode(compact), StandardCharsets.UTF_8);
	}

}
