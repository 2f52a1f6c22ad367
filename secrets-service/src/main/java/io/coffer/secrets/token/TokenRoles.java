package io.coffer.secrets.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * {@code auth/token/roles} and {@code auth/token/roles/:name}, stored under
 * {@value #PREFIX}.
 */
@Component
class TokenRoles {

	/** Vault's {@code auth/token/roles/:name} fields. */
	static final FieldSchema FIELDS = FieldSchema.of(
			List.of("role_name", "allowed_policies", "disallowed_policies", "allowed_policies_glob",
					"disallowed_policies_glob", "orphan", "period", "path_suffix", "explicit_max_ttl", "renewable",
					"bound_cidrs", "token_bound_cidrs", "token_explicit_max_ttl", "token_period", "token_type",
					"token_no_default_policy", "token_num_uses"),
			Map.of("allowed_entity_aliases", "entity aliases are not implemented"));

	static final String PREFIX = "sys/token/roles/";

	private final TokenStore store;

	TokenRoles(TokenStore store) {
		this.store = store;
	}

	Optional<TokenRole> role(String name) {
		if (!validName(name)) {
			return Optional.empty();
		}
		return this.store.barrier().get(PREFIX + name).map((bytes) -> Json.read(bytes, TokenRole.class));
	}

	LogicalResponse handle(LogicalRequest request, String name) {
		if (name.isEmpty()) {
			return list(request);
		}
		if (!validName(name)) {
			throw VaultException.badRequest("invalid role name");
		}
		return switch (request.operation()) {
			case READ ->
				role(name).map((role) -> LogicalResponse.data(role.describe())).orElseThrow(VaultException::notFound);
			case CREATE, UPDATE -> {
				TokenRole role = role(name).orElse(TokenRole.defaults(name)).updatedWith(FIELDS.accept(request.data()));
				this.store.barrier().put(PREFIX + name, Json.write(role));
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				this.store.barrier().delete(PREFIX + name);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse list(LogicalRequest request) {
		if (request.operation() != io.coffer.secrets.kernel.Operation.LIST) {
			throw VaultException.unsupportedOperation();
		}
		List<String> names = this.store.barrier().list(PREFIX).stream().filter((key) -> !key.endsWith("/")).toList();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", names);
		return LogicalResponse.data(data);
	}

	private static boolean validName(String name) {
		return name.matches("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}") && !name.contains("..");
	}

}
