package io.coffer.secrets.auth.userpass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.InvalidCredentialsException;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.core.Json;
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
 * The userpass method (vault-api.md §3): users with a bcrypt-hashed password and token
 * settings, and {@code POST login/:username {password}}. An unknown user and a wrong
 * password get the same 400 after the same work.
 */
final class UserpassMethod implements AuthMethod {

	private static final String USER_PREFIX = "user/";

	private static final String INVALID = "invalid username or password";

	private static final Map<String, String> NO_HASH_IMPORT = Map.of("password_hash",
			"importing bcrypt hashes is not implemented; send the password");

	/** Vault's {@code users/:name} fields. */
	private static final FieldSchema USER_FIELDS = FieldSchema
		.of(List.of("username", "password", "policies", "ttl", "max_ttl", "bound_cidrs"), NO_HASH_IMPORT)
		.with(FieldSchema.TOKEN_FIELDS);

	private static final FieldSchema PASSWORD_FIELDS = FieldSchema.of(List.of("username", "password"), NO_HASH_IMPORT);

	private static final FieldSchema POLICY_FIELDS = FieldSchema.of(List.of("username", "policies", "token_policies"),
			Map.of());

	private final MountEntry mount;

	private final BarrierView view;

	private final PasswordHasher hasher;

	UserpassMethod(MountEntry mount, BarrierView view, PasswordHasher hasher) {
		this.mount = mount;
		this.view = view;
		this.hasher = hasher;
	}

	@Override
	public boolean isLoginPath(String path) {
		return path.startsWith("login/") && path.length() > "login/".length();
	}

	@Override
	public LoginGrant login(LogicalRequest request) {
		String name = request.path().substring("login/".length()).toLowerCase(Locale.ROOT);
		String password = Fields.of(request.data()).exact("password");
		Optional<User> user = validName(name) ? user(name) : Optional.empty();
		boolean matches = this.hasher.matches(password, user.map(User::passwordHash).orElse(null));
		if (!matches || password.isEmpty()) {
			throw new InvalidCredentialsException(INVALID);
		}
		if (!ClientAddress.permitted(user.get().token().boundCidrs())) {
			// Vault's userpass refuses the login itself from outside token_bound_cidrs.
			throw VaultException.permissionDenied();
		}
		return new LoginGrant(this.mount, "login/" + name, name, Map.of("username", name), user.get().token(), name);
	}

	/** The user a login names (Vault's alias name for userpass), for the lockout. */
	@Override
	public Optional<String> lockoutAlias(LogicalRequest request) {
		return Optional.of(request.path().substring("login/".length()).toLowerCase(Locale.ROOT));
	}

	@Override
	public boolean exists(LogicalRequest request) {
		String[] parts = request.path().split("/", -1);
		if (parts.length == 2 && parts[0].equals("users") && validName(parts[1].toLowerCase(Locale.ROOT))) {
			return user(parts[1].toLowerCase(Locale.ROOT)).isPresent();
		}
		return true;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		String path = request.path();
		if (path.equals("users") || path.equals("users/")) {
			return list(request);
		}
		if (!path.startsWith("users/")) {
			throw VaultException.unsupportedPath(path);
		}
		String[] parts = path.substring("users/".length()).split("/", 2);
		String name = parts[0].toLowerCase(Locale.ROOT);
		if (!validName(name)) {
			throw VaultException.badRequest("invalid username");
		}
		String rest = (parts.length > 1) ? parts[1] : "";
		return switch (rest) {
			case "" -> user(request, name, USER_FIELDS.of(request));
			case "password" -> {
				Fields fields = PASSWORD_FIELDS.of(request);
				yield update(request, name, (user) -> user.withPasswordHash(hash(fields)));
			}
			case "policies" -> {
				Fields fields = POLICY_FIELDS.of(request);
				yield update(request, name, (user) -> user.withToken(user.token().updatedWith(fields)));
			}
			default -> throw VaultException.unsupportedPath(path);
		};
	}

	private LogicalResponse user(LogicalRequest request, String name, Fields fields) {
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(user(name).orElseThrow(VaultException::notFound).describe());
			case CREATE, UPDATE -> {
				Optional<User> existing = user(name);
				String hash = (existing.isEmpty() || fields.has("password")) ? hash(fields)
						: existing.get().passwordHash();
				TokenParams params = existing.map(User::token).orElse(TokenParams.NONE).updatedWith(fields);
				save(name, new User(hash, params));
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				this.view.delete(USER_PREFIX + name);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse update(LogicalRequest request, String name, UnaryOperator<User> change) {
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		User user = user(name).orElseThrow(() -> VaultException.badRequest("username does not exist"));
		save(name, change.apply(user));
		return LogicalResponse.empty();
	}

	private LogicalResponse list(LogicalRequest request) {
		if (request.operation() != Operation.LIST) {
			throw VaultException.unsupportedOperation();
		}
		List<String> names = this.view.list(USER_PREFIX).stream().filter((key) -> !key.endsWith("/")).toList();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", names);
		return LogicalResponse.data(data);
	}

	private String hash(Fields fields) {
		String password = fields.exact("password");
		if (password.isEmpty()) {
			throw VaultException.badRequest("missing password");
		}
		return this.hasher.hash(password);
	}

	private Optional<User> user(String name) {
		return this.view.get(USER_PREFIX + name).map((bytes) -> Json.read(bytes, User.class));
	}

	private void save(String name, User user) {
		this.view.put(USER_PREFIX + name, Json.write(user));
	}

	private static boolean validName(String name) {
		return name.length() <= 128 && name.matches("\\w([\\w.@-]*\\w)?");
	}

}
