package io.coffer.secrets.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.CallerAware;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.policy.PolicyService;

import org.springframework.stereotype.Component;

/**
 * The {@code auth/token/} backend (vault-api.md §3): create, lookup, renew and revoke
 * tokens, token roles, accessors and tidy. The request path has already passed the ACL
 * check; the sudo-only operations check sudo here.
 */
@Component
public class TokenBackend implements SecretEngine, CallerAware {

	public static final MountEntry MOUNT = new MountEntry("auth/token/", "token", "token based credentials",
			"auth_token_00000000", "00000000-0000-0000-0000-000000000002", MountEntry.MountConfig.DEFAULTS, null);

	/**
	 * How much later than its lease's expire time a token may expire and still count as
	 * that lease's: the lease's time is computed from the same clock in the same second,
	 * give or take one.
	 */
	private static final long RENEWED_SLACK_SECONDS = 1;

	private final TokenStore store;

	private final TokenCreation creation;

	private final TokenRenewal renewal;

	private final TokenRoles roles;

	private final TokenTidy tidy;

	private final SudoCheck sudo;

	private final PolicyService policies;

	TokenBackend(TokenStore store, TokenCreation creation, TokenRenewal renewal, TokenRoles roles, TokenTidy tidy,
			SudoCheck sudo, PolicyService policies) {
		this.policies = policies;
		this.store = store;
		this.creation = creation;
		this.renewal = renewal;
		this.roles = roles;
		this.tidy = tidy;
		this.sudo = sudo;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		throw VaultException.permissionDenied();
	}

	/**
	 * Revokes a token (with its children) whose lease lease-service revokes: it expired,
	 * or its lease was revoked ({@code sys/leases/revoke}, revoke-prefix, its creator's
	 * revocation). {@code internalData}: the token's {@code accessor} and the
	 * {@code expire_time} (Unix seconds) the lease was registered for. A token renewed
	 * past that time since has a newer lease, which takes over: the older one ends
	 * without revoking it. Without {@code expire_time} the token is revoked in any case.
	 * A token already gone counts as revoked.
	 */
	@Override
	public void revokeSecret(Map<String, Object> internalData) {
		if (!(internalData.get("accessor") instanceof String accessor)) {
			throw VaultException.badRequest("not a token lease");
		}
		this.store.findStoredByAccessor(accessor).ifPresent((token) -> {
			if (internalData.get("expire_time") instanceof Number leased
					&& token.entry().expireTime() > leased.longValue() + RENEWED_SLACK_SECONDS) {
				return;
			}
			this.store.revoke(token.id());
		});
	}

	@Override
	public boolean exists(LogicalRequest request) {
		if (request.path().startsWith("roles/")) {
			return this.roles.role(request.path().substring("roles/".length())).isPresent();
		}
		return true;
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (caller.entry().isLoginCaller()) {
			throw VaultException.permissionDenied();
		}
		String path = request.path();
		if (path.equals("roles") || path.startsWith("roles/")) {
			return this.roles.handle(request, path.replaceFirst("^roles/?", ""));
		}
		if (path.startsWith("create/")) {
			String name = path.substring("create/".length());
			TokenRole role = this.roles.role(name).orElseThrow(() -> VaultException.badRequest("unknown role " + name));
			return write(request, () -> this.creation.create(request, caller, false, role));
		}
		return switch (path) {
			case "create", "create-orphan" ->
				write(request, () -> this.creation.create(request, caller, path.equals("create-orphan"), null));
			case "lookup" -> readOrWrite(request, () -> lookup(caller, Fields.of(request.data()).string("token")));
			case "lookup-self" ->
				readOrWrite(request, () -> LogicalResponse.data(lookupView(caller.token(), caller.entry())));
			case "lookup-accessor" -> write(request, () -> lookupAccessor(request));
			case "renew", "renew-self", "renew-accessor" -> write(request, () -> renew(request, caller, path));
			case "revoke", "revoke-self", "revoke-accessor", "revoke-orphan" ->
				write(request, () -> revoke(request, caller, path));
			case "accessors", "accessors/" -> accessors(request, caller);
			case "tidy" -> write(request, () -> LogicalResponse.empty().withWarnings(this.tidy.run()));
			default -> throw VaultException.unsupportedPath(path);
		};
	}

	private LogicalResponse lookup(Caller caller, String token) {
		String wanted = token.isEmpty() ? caller.token() : token;
		StoredToken found = this.store.find(wanted).orElseThrow(() -> new VaultException(403, "bad token"));
		return LogicalResponse.data(lookupView(wanted, found.entry()));
	}

	private LogicalResponse lookupAccessor(LogicalRequest request) {
		StoredToken found = byAccessor(request);
		return LogicalResponse.data(lookupView("", found.entry()));
	}

	private Map<String, Object> lookupView(String token, TokenEntry entry) {
		return TokenViews.lookup(token, entry, this.store.now(), this.policies.identityOf(entry).policies());
	}

	private LogicalResponse renew(LogicalRequest request, Caller caller, String path) {
		Fields fields = Fields.of(request.data());
		long increment = fields.seconds("increment");
		return switch (path) {
			case "renew-self" -> this.renewal.renew(target(caller.token()), increment, caller.token());
			case "renew-accessor" -> this.renewal.renew(byAccessor(request), increment, "");
			default -> {
				String token = required(fields.string("token"), "missing token ID");
				yield this.renewal.renew(target(token), increment, token);
			}
		};
	}

	private LogicalResponse revoke(LogicalRequest request, Caller caller, String path) {
		Fields fields = Fields.of(request.data());
		switch (path) {
			case "revoke-self" ->
				this.store.find(caller.token()).map(TokenBackend::revocable).ifPresent(this.store::revoke);
			case "revoke-accessor" -> this.store.revoke(byAccessor(request).id());
			case "revoke-orphan" -> {
				String token = required(fields.string("token"), "missing token ID");
				if (!this.sudo.hasSudo(caller, request.fullPath())) {
					throw VaultException.badRequest("root or sudo privileges required to revoke and orphan");
				}
				StoredToken found = this.store.find(token)
					.orElseThrow(() -> VaultException.badRequest("token to revoke not found"));
				this.store.revokeOrphan(revocable(found));
			}
			default -> {
				String token = required(fields.string("token"), "missing token ID");
				this.store.find(token).map(TokenBackend::revocable).ifPresent(this.store::revoke);
			}
		}
		return LogicalResponse.empty();
	}

	/**
	 * The storage id of a token to revoke. A batch token is not stored and cannot be
	 * revoked (Vault's 400); it ends with its TTL or its parent.
	 */
	private static String revocable(StoredToken found) {
		if (found.entry().batch()) {
			throw VaultException.badRequest("batch tokens cannot be revoked");
		}
		return found.id();
	}

	private LogicalResponse accessors(LogicalRequest request, Caller caller) {
		if (request.operation() != Operation.LIST) {
			throw VaultException.unsupportedOperation();
		}
		if (!this.sudo.hasSudo(caller, request.fullPath())) {
			throw VaultException.permissionDenied();
		}
		List<String> accessors = this.store.accessors();
		if (accessors.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", accessors);
		return LogicalResponse.data(data);
	}

	private StoredToken target(String token) {
		StoredToken found = this.store.find(token).orElseThrow(() -> VaultException.badRequest("token not found"));
		if (found.entry().batch()) {
			throw VaultException.badRequest("batch tokens cannot be renewed");
		}
		return found;
	}

	private StoredToken byAccessor(LogicalRequest request) {
		String accessor = required(Fields.of(request.data()).string("accessor"), "missing accessor");
		return this.store.findByAccessor(accessor).orElseThrow(() -> VaultException.badRequest("invalid accessor"));
	}

	private static String required(String value, String message) {
		if (value.isEmpty()) {
			throw VaultException.badRequest(message);
		}
		return value;
	}

	private static LogicalResponse write(LogicalRequest request, Supplier<LogicalResponse> action) {
		if (request.operation() != Operation.UPDATE && request.operation() != Operation.CREATE) {
			throw VaultException.unsupportedOperation();
		}
		return action.get();
	}

	private static LogicalResponse readOrWrite(LogicalRequest request, Supplier<LogicalResponse> action) {
		if (request.operation() == Operation.READ) {
			return action.get();
		}
		return write(request, action);
	}

}
