package io.coffer.secrets.auth.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vault's {@code kubernetes} auth method: {@code config}, {@code role/:name} and
 * {@code POST login {role, jwt}}. A login's JWT is checked locally (see
 * {@link ServiceAccountJwt}), its service account against the role, then the Kubernetes
 * TokenReview API must vouch for it (always, as Vault: {@code pem_keys} add a local
 * signature check, they do not replace the review).
 */
final class KubernetesAuthMethod implements AuthMethod {

	private static final Logger logger = LoggerFactory.getLogger(KubernetesAuthMethod.class);

	/** A namespace name (an RFC 1123 label), checked before it goes into a URL. */
	private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final FieldSchema LOGIN_FIELDS = FieldSchema.of(List.of("role", "jwt"), Map.of());

	private final MountEntry mount;

	private final KubernetesStore store;

	private final ServiceAccountJwt jwts;

	private final KubernetesApi api;

	private final PodServiceAccount pod;

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

	KubernetesAuthMethod(MountEntry mount, KubernetesStore store, ServiceAccountJwt jwts, KubernetesApi api,
			PodServiceAccount pod) {
		this.mount = mount;
		this.store = store;
		this.jwts = jwts;
		this.api = api;
		this.pod = pod;
	}

	@Override
	public boolean isLoginPath(String path) {
		return path.equals("login");
	}

	@Override
	public LoginGrant login(LogicalRequest request) {
		Fields fields = LOGIN_FIELDS.of(request);
		String roleName = fields.string("role");
		if (roleName.isEmpty()) {
			throw VaultException.badRequest("missing role");
		}
		String jwt = fields.string("jwt");
		if (jwt.isEmpty()) {
			throw VaultException.badRequest("missing jwt");
		}
		Optional<KubernetesRole> found = roleName.matches("[\\w.-]{1,128}") ? this.store.role(roleName)
				: Optional.empty();
		KubernetesRole role = found
			.orElseThrow(() -> VaultException.badRequest("invalid role name \"" + roleName + "\""));
		if (!ClientAddress.permitted(role.token().boundCidrs())) {
			throw VaultException.permissionDenied();
		}
		KubernetesConfig config = this.store.config()
			.orElseThrow(() -> new VaultException(500, "could not load backend configuration"));
		ServiceAccount account = this.jwts.check(jwt, config, role);
		if (!role.allowsName(account.name())) {
			throw ServiceAccountJwt.forbidden("service account name not authorized");
		}
		requireNamespace(config, role, account.namespace());
		String alias = aliasName(role, account);
		review(config, role, account, jwt);
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("service_account_uid", account.uid());
		meta.put("service_account_name", account.name());
		meta.put("service_account_namespace", account.namespace());
		meta.put("service_account_secret_name", account.secretName());
		meta.put("role", roleName);
		return new LoginGrant(this.mount, "login", account.namespace() + "-" + account.name(), meta, role.token(),
				alias);
	}

	/**
	 * The entity alias name Vault derives ({@code alias_name_source}); refuses a JWT
	 * without the claims it needs, as Vault does.
	 */
	static String aliasName(KubernetesRole role, ServiceAccount account) {
		if (KubernetesRole.SOURCE_NAME.equals(role.aliasNameSource())) {
			if (account.namespace().isEmpty() || account.name().isEmpty()) {
				throw new VaultException(500, "service account namespace and name must be set");
			}
			return account.namespace() + "/" + account.name();
		}
		return uid(account);
	}

	private static String uid(ServiceAccount account) {
		if (account.uid().isEmpty()) {
			throw new VaultException(500, "could not parse UID from claims");
		}
		return account.uid();
	}

	/**
	 * The TokenReview: with the configured reviewer token, else the pod's own, else the
	 * login's JWT; trusting the configured CA, else the pod's, else the JDK's. Any doubt
	 * is Vault's bare 403; the reason is logged (never a token).
	 */
	private void review(KubernetesConfig config, KubernetesRole role, ServiceAccount account, String jwt) {
		String bearer = reviewerToken(config).orElse(jwt);
		List<String> audiences = role.audience().isEmpty() ? account.audiences() : List.of(role.audience());
		try {
			KubernetesApi.Reviewed reviewed = this.api.review(config.host(), caCert(config), bearer, jwt, audiences);
			if (!reviewed.name().equals(account.name())) {
				throw new KubernetesApi.RefusedException("JWT names did not match");
			}
			if (!reviewed.uid().equals(uid(account))) {
				throw new KubernetesApi.RefusedException("JWT UIDs did not match");
			}
			if (!reviewed.namespace().equals(account.namespace())) {
				throw new KubernetesApi.RefusedException("JWT namespaces did not match");
			}
		}
		catch (KubernetesApi.RefusedException ex) {
			logger.info("kubernetes login refused on {}: {}", this.mount.path(), ex.getMessage());
			throw VaultException.permissionDenied();
		}
	}

	/**
	 * Vault's namespace check: a bound namespace (or glob), else a namespace whose labels
	 * the role's selector matches, read from the Kubernetes API with the reviewer token.
	 */
	private void requireNamespace(KubernetesConfig config, KubernetesRole role, String namespace) {
		if (role.allowsNamespace(namespace)) {
			return;
		}
		if (role.namespaceSelector().isEmpty()) {
			throw ServiceAccountJwt.forbidden("namespace not authorized");
		}
		try {
			NamespaceSelector selector = NamespaceSelector.parse(role.namespaceSelector());
			String bearer = reviewerToken(config).orElseThrow(() -> new KubernetesApi.RefusedException(
					"namespace lookup failed: TokenReviewer JWT needs to be configured to use namespace selectors"));
			if (NAMESPACE.matcher(namespace).matches()
					&& selector.matches(this.api.namespaceLabels(config.host(), caCert(config), bearer, namespace))) {
				return;
			}
		}
		catch (KubernetesApi.RefusedException | IllegalArgumentException ex) {
			throw ServiceAccountJwt.forbidden("namespace not authorized err=" + ex.getMessage());
		}
		throw ServiceAccountJwt.forbidden("namespace not authorized");
	}

	/** The configured reviewer token, else the pod's own unless disabled. */
	private Optional<String> reviewerToken(KubernetesConfig config) {
		if (!config.tokenReviewerJwt().isEmpty()) {
			return Optional.of(config.tokenReviewerJwt());
		}
		return config.disableLocalCaJwt() ? Optional.empty() : this.pod.token();
	}

	/** The configured CA, else the pod's own unless disabled, else empty (the JDK's). */
	private String caCert(KubernetesConfig config) {
		if (!config.caCert().isEmpty() || config.disableLocalCaJwt()) {
			return config.caCert();
		}
		return this.pod.caCert().orElse("");
	}

	@Override
	public boolean exists(LogicalRequest request) {
		if (request.path().startsWith("role/") && request.path().indexOf('/', 5) < 0) {
			return this.store.role(KubernetesStore.roleName(request.path().substring(5))).isPresent();
		}
		return true;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
	}

	private LogicalResponse readConfig() {
		return LogicalResponse.data(this.store.config().orElseThrow(VaultException::notFound).describe());
	}

	private LogicalResponse writeConfig(LogicalRequest request) {
		KubernetesConfig config = KubernetesConfig.of(KubernetesConfig.FIELDS.accept(request.data()));
		this.store.saveConfig(config);
		return LogicalResponse.empty().withWarnings(KubernetesConfig.FIELDS.warnings(request.data()));
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
		KubernetesRole.Update update = this.store.role(name)
			.orElseGet(() -> KubernetesRole.create(name))
			.updatedWith(data, this.mount.effectiveMaxTtl());
		this.store.saveRole(update.role());
		return LogicalResponse.empty().withWarnings(new ArrayList<>(update.warnings()));
	}

	private LogicalResponse deleteRole(LogicalRequest request) {
		this.store.deleteRole(name(request));
		return LogicalResponse.empty();
	}

	private static String name(LogicalRequest request) {
		return KubernetesStore.roleName(request.path().substring("role/".length()));
	}

}
