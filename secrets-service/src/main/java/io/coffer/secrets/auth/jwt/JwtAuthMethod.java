package io.coffer.secrets.auth.jwt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.identity.ClientAddress;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.FieldSchema;
import io.coffer.secrets.token.Fields;
import io.coffer.secrets.token.LoginGrant;

/**
 * Vault's {@code jwt} auth method, JWT logins only: {@code config}, {@code role/:name}
 * and {@code POST login {role, jwt}}. The OIDC browser flow ({@code oidc/auth_url},
 * {@code oidc/callback}) is not served: those paths are Vault's 404.
 */
final class JwtAuthMethod implements AuthMethod {

	private static final FieldSchema LOGIN_FIELDS = FieldSchema.of(List.of("role", "jwt"), Map.of());

	private final MountEntry mount;

	private final JwtStore store;

	private final JwtValidator validator;

	private final KeyCache keys = new KeyCache();

	private final EnginePaths paths = new EnginePaths(List.of(
			PathSpec.path("config")
				.on(Operation.READ, (request, caller) -> readConfig())
				.on(Operation.CREATE, (request, caller) -> writeConfig(request))
				.on(Operation.UPDATE, (request, caller) -> writeConfig(request)),
			PathSpec.path("role/?").on(Operation.LIST, (request, caller) -> listRoles()),
			PathSpec.path("role/[^/]+")
				.on(Operation.READ, (request, caller) -> readRole(request))
				.on(Operation.CREATE, (request, caller) -> writeRole(request))
				.on(Operation.UPDATE, (request, caller) -> writeRole(request))
				.on(Operation.DELETE, (request, caller) -> deleteRole(request))));

	JwtAuthMethod(MountEntry mount, JwtStore store, JwtValidator validator) {
		this.mount = mount;
		this.store = store;
		this.validator = validator;
	}

	@Override
	public boolean isLoginPath(String path) {
		return path.equals("login");
	}

	@Override
	public LoginGrant login(LogicalRequest request) {
		Fields fields = LOGIN_FIELDS.of(request);
		JwtConfig config = this.store.config()
			.orElseThrow(() -> VaultException.badRequest("could not load configuration"));
		String roleName = fields.string("role").toLowerCase(Locale.ROOT);
		if (roleName.isEmpty()) {
			roleName = config.defaultRole();
		}
		if (roleName.isEmpty()) {
			throw VaultException.badRequest("missing role");
		}
		String name = roleName;
		JwtRole role = this.store.role(name)
			.orElseThrow(() -> VaultException.badRequest("role \"" + name + "\" could not be found"));
		String token = fields.string("jwt");
		if (token.isEmpty()) {
			throw VaultException.badRequest("missing token");
		}
		if (!ClientAddress.permitted(role.token().boundCidrs())) {
			throw VaultException.permissionDenied();
		}
		Claims claims = this.validator.validate(token, config, role, this.keys.of(config));
		Object userClaim = claims.topLevel(role.userClaim())
			.orElseThrow(() -> VaultException.badRequest("claim \"" + role.userClaim() + "\" not found in token"));
		if (!(userClaim instanceof String user)) {
			throw VaultException.badRequest("claim \"" + role.userClaim() + "\" could not be converted to string");
		}
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("role", name);
		List<String> groups;
		try {
			groups = groups(claims, role);
			meta.putAll(claims.metadata(role.claimMappings()));
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest(ex.getMessage());
		}
		return new LoginGrant(this.mount, "login", user, meta, role.token(), user, groups);
	}

	@Override
	public boolean exists(LogicalRequest request) {
		if (request.path().startsWith("role/") && request.path().indexOf('/', 5) < 0) {
			return this.store.role(JwtStore.roleName(request.path().substring(5))).isPresent();
		}
		return true;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
	}

	/**
	 * The groups the role's {@code groups_claim} names (none without one): the login's
	 * entity joins the external groups whose aliases on this mount have those names.
	 * Vault refuses a login whose groups claim is missing or not a list of strings.
	 */
	private static List<String> groups(Claims claims, JwtRole role) {
		if (role.groupsClaim().isEmpty()) {
			return List.of();
		}
		Object claim = claims.get(role.groupsClaim())
			.orElseThrow(() -> new IllegalArgumentException(
					"failed to fetch groups: \"" + role.groupsClaim() + "\" claim not found in token"));
		List<Object> list = Claims.list(claim)
			.orElseThrow(() -> new IllegalArgumentException(
					"\"" + role.groupsClaim() + "\" claim could not be converted to string list"));
		List<String> names = new ArrayList<>();
		for (Object group : list) {
			if (!(group instanceof String name)) {
				throw new IllegalArgumentException("value in groups claim could not be parsed as string");
			}
			names.add(name);
		}
		return names;
	}

	private LogicalResponse readConfig() {
		return LogicalResponse.data(this.store.config().orElseThrow(VaultException::notFound).describe());
	}

	private LogicalResponse writeConfig(LogicalRequest request) {
		JwtConfig config = JwtConfig.of(JwtConfig.FIELDS.accept(request.data()));
		try {
			JwtKeys.check(config);
		}
		catch (IllegalArgumentException ex) {
			throw VaultException.badRequest(ex.getMessage());
		}
		this.store.saveConfig(config);
		return LogicalResponse.empty().withWarnings(JwtConfig.FIELDS.warnings(request.data()));
	}

	private LogicalResponse listRoles() {
		List<String> names = this.store.roleNames();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", names);
		return LogicalResponse.data(data);
	}

	private LogicalResponse readRole(LogicalRequest request) {
		return LogicalResponse.data(this.store.role(name(request)).orElseThrow(VaultException::notFound).describe());
	}

	private LogicalResponse writeRole(LogicalRequest request) {
		String name = name(request);
		Map<String, Object> data = (request.data() != null) ? request.data() : Map.of();
		JwtRole role = this.store.role(name).orElseGet(() -> JwtRole.create(name)).updatedWith(data);
		this.store.saveRole(role);
		List<String> warnings = new ArrayList<>(JwtRole.FIELDS.warnings(data));
		if (role.token().maxTtl() > this.mount.effectiveMaxTtl()) {
			warnings.add("token max ttl is greater than the system or backend mount's maximum TTL value; "
					+ "issued tokens' max TTL value will be truncated");
		}
		return LogicalResponse.empty().withWarnings(warnings);
	}

	private LogicalResponse deleteRole(LogicalRequest request) {
		this.store.deleteRole(name(request));
		return LogicalResponse.empty();
	}

	private static String name(LogicalRequest request) {
		return JwtStore.roleName(request.path().substring("role/".length()));
	}

}
