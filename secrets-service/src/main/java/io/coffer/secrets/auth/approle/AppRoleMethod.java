package io.coffer.secrets.auth.approle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.identity.ClientAddress;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;
import io.coffer.secrets.token.LoginGrant;
import io.coffer.secrets.token.TokenParams;

/**
 * The AppRole method (vault-api.md §3): roles, RoleIDs, SecretIDs, and {@code POST login
 * {role_id, secret_id}}. Every failed login answers Vault's same 400
 * {@code invalid role or secret ID}, whichever part was wrong.
 */
final class AppRoleMethod implements AuthMethod {

	private static final String INVALID = "invalid role or secret ID";

	private final MountEntry mount;

	private final AppRoleStore store;

	private final SecretIds secretIds;

	AppRoleMethod(MountEntry mount, AppRoleStore store, SecretIds secretIds) {
		this.mount = mount;
		this.store = store;
		this.secretIds = secretIds;
	}

	@Override
	public boolean isLoginPath(String path) {
		return path.equals("login");
	}

	@Override
	public LoginGrant login(LogicalRequest request) {
		Fields fields = Fields.of(request.data());
		String roleId = fields.string("role_id");
		if (roleId.isEmpty()) {
			throw VaultException.badRequest("invalid credentials");
		}
		AppRole role = this.store.byRoleId(roleId).orElseThrow(() -> VaultException.badRequest(INVALID));
		// Every address check comes before a SecretID use is taken: a login from the
		// wrong place spends nothing.
		requireAddressIn(role.secretIdBoundCidrs(), "role");
		Map<String, String> meta = new LinkedHashMap<>();
		TokenParams token = role.token();
		if (role.bindSecretId()) {
			String secret = fields.string("secret_id");
			if (secret.isEmpty()) {
				throw VaultException.badRequest("missing secret_id");
			}
			SecretId entry = this.secretIds
				.consume(role, secret, (found) -> requireAddressIn(found.cidrList(), "secret ID"))
				.orElseThrow(() -> VaultException.badRequest(INVALID));
			meta.putAll(entry.metadata());
			if (!entry.tokenBoundCidrs().isEmpty()) {
				token = token.withBoundCidrs(entry.tokenBoundCidrs());
			}
		}
		meta.put("role_name", role.name());
		return new LoginGrant(this.mount, "login", "", meta, token, role.roleId());
	}

	@Override
	public boolean exists(LogicalRequest request) {
		String[] parts = request.path().split("/", -1);
		if (parts.length == 2 && parts[0].equals("role") && !parts[1].isEmpty()) {
			return this.store.role(AppRoleStore.normalize(parts[1])).isPresent();
		}
		return true;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		String path = request.path();
		if (path.equals("role") || path.equals("role/")) {
			return keys(request, this.store.names());
		}
		if (!path.startsWith("role/")) {
			throw VaultException.unsupportedPath(path);
		}
		String[] parts = path.substring("role/".length()).split("/", 2);
		String name = AppRoleStore.normalize(parts[0]);
		String rest = (parts.length > 1) ? parts[1] : "";
		if (rest.isEmpty()) {
			return role(request, name);
		}
		AppRole role = this.store.existing(name);
		FieldSchema schema = AppRoleFields.forSubPath(rest);
		if (schema == null) {
			throw VaultException.unsupportedPath(path);
		}
		Fields fields = schema.of(request);
		return switch (rest) {
			case "role-id" -> roleId(request, role, fields);
			case "secret-id", "secret-id/" ->
				(request.operation() == Operation.LIST) ? keys(request, this.secretIds.accessors(role))
						: write(request, () -> LogicalResponse.data(this.secretIds.generate(role, fields, null))
							.withWarnings(schema.warnings(request.data())));
			case "custom-secret-id" -> write(request,
					() -> LogicalResponse
						.data(this.secretIds.generate(role, fields, required(fields.string("secret_id"), "secret_id")))
						.withWarnings(schema.warnings(request.data())));
			case "secret-id/lookup" -> write(request,
					() -> found(this.secretIds.lookup(role, required(fields.string("secret_id"), "secret_id"))));
			case "secret-id/destroy" ->
				destroy(request, () -> this.secretIds.destroy(role, required(fields.string("secret_id"), "secret_id")));
			case "secret-id-accessor/lookup" -> write(request, () -> found(this.secretIds.lookupByAccessor(role,
					required(fields.string("secret_id_accessor"), "secret_id_accessor"))));
			case "secret-id-accessor/destroy" -> destroy(request, () -> this.secretIds.destroyByAccessor(role,
					required(fields.string("secret_id_accessor"), "secret_id_accessor")));
			default -> throw VaultException.unsupportedPath(path);
		};
	}

	private LogicalResponse role(LogicalRequest request, String name) {
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(this.store.role(name).orElseThrow(VaultException::notFound).describe());
			case CREATE, UPDATE -> {
				Fields fields = AppRoleFields.ROLE.accept(request.data());
				Optional<AppRole> previous = this.store.role(name);
				AppRole base = previous.orElseGet(() -> AppRole.create(name, this.store.newId()));
				AppRole updated = base.updatedWith(fields);
				if (fields.has("role_id")) {
					updated = updated.withRoleId(required(fields.string("role_id"), "role_id"));
				}
				this.store.save(updated, previous);
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				this.store.role(name).ifPresent((role) -> {
					this.secretIds.destroyAll(role);
					this.store.delete(role);
				});
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse roleId(LogicalRequest request, AppRole role, Fields fields) {
		if (request.operation() == Operation.READ) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("role_id", role.roleId());
			return LogicalResponse.data(data);
		}
		return write(request, () -> {
			this.store.save(role.withRoleId(required(fields.string("role_id"), "role_id")), Optional.of(role));
			return LogicalResponse.empty();
		});
	}

	private void requireAddressIn(List<String> cidrs, String what) {
		if (!ClientAddress.permitted(cidrs)) {
			throw VaultException.badRequest("source address unauthorized by CIDR restrictions on the " + what);
		}
	}

	private static LogicalResponse found(Optional<SecretId> entry) {
		return entry.map((value) -> LogicalResponse.data(value.describe())).orElseGet(LogicalResponse::empty);
	}

	private static LogicalResponse keys(LogicalRequest request, List<String> keys) {
		if (request.operation() != Operation.LIST) {
			throw VaultException.unsupportedOperation();
		}
		if (keys.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", keys);
		return LogicalResponse.data(data);
	}

	private static LogicalResponse destroy(LogicalRequest request, Runnable action) {
		if (request.operation() != Operation.DELETE && request.operation() != Operation.UPDATE
				&& request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		action.run();
		return LogicalResponse.empty();
	}

	private static LogicalResponse write(LogicalRequest request, Supplier<LogicalResponse> action) {
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		return action.get();
	}

	private static String required(String value, String field) {
		if (value.isEmpty()) {
			throw VaultException.badRequest("missing " + field);
		}
		return value;
	}

}
