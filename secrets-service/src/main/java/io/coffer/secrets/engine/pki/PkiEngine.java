package io.coffer.secrets.engine.pki;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathOperation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * The PKI engine of one mount: the paths it declares (see PKI.md), each handed to its
 * path group, and the revocation of certificates issued with a lease.
 */
final class PkiEngine implements SecretEngine {

	private static final String NAME = PkiFields.NAME_REGEX;

	/** Vault serves these without a token (its {@code PathsSpecial.Unauthenticated}). */
	private static final Set<String> UNAUTHENTICATED = Set.of("ca", "ca/pem", "ca_chain", "crl", "crl/pem");

	private final PkiStore store;

	private final Revocation revocation;

	private final EnginePaths paths;

	PkiEngine(PkiStore store, Clock clock, SecureRandom random) {
		this.store = store;
		Issuers issuers = new Issuers(store);
		this.revocation = new Revocation(store, issuers, clock);
		RootPaths root = new RootPaths(store, issuers, this.revocation, clock, random);
		RolePaths roles = new RolePaths(store);
		IssuePaths issue = new IssuePaths(store, issuers, clock, random);
		FetchPaths fetch = new FetchPaths(store, issuers, this.revocation);
		UrlsPath urls = new UrlsPath(store);
		TidyPaths tidy = new TidyPaths(store, this.revocation, clock);
		this.paths = new EnginePaths(List.of(
				writes(PathSpec.path("root/generate/internal"), (request, caller) -> root.generate(request, false)),
				writes(PathSpec.path("root/generate/exported"), (request, caller) -> root.generate(request, true)),
				PathSpec.path("roles/?").on(Operation.LIST, (request, caller) -> roles.list()),
				writes(PathSpec.path("roles/" + NAME), (request, caller) -> roles.write(request, last(request)))
					.on(Operation.READ, (request, caller) -> roles.read(last(request)))
					.on(Operation.DELETE, (request, caller) -> roles.delete(last(request))),
				writes(PathSpec.path("issue/" + NAME), (request, caller) -> issue.issue(request, last(request))),
				writes(PathSpec.path("sign/" + NAME), (request, caller) -> issue.sign(request, last(request))),
				PathSpec.path("ca").on(Operation.READ, (request, caller) -> fetch.caDer()),
				PathSpec.path("ca/pem").on(Operation.READ, (request, caller) -> fetch.caPem()),
				PathSpec.path("ca_chain").on(Operation.READ, (request, caller) -> fetch.caChain()),
				PathSpec.path("crl").on(Operation.READ, (request, caller) -> fetch.crlDer()),
				PathSpec.path("crl/pem").on(Operation.READ, (request, caller) -> fetch.crlPem()),
				PathSpec.path("crl/rotate").on(Operation.READ, (request, caller) -> this.revocation.rotate()),
				PathSpec.path("certs/?").on(Operation.LIST, (request, caller) -> fetch.list()),
				PathSpec.path("cert/[^/]+").on(Operation.READ, (request, caller) -> fetch.cert(last(request))),
				writes(PathSpec.path("revoke"),
						(request, caller) -> this.revocation
							.revoke(PkiFields.string(request.data(), "serial_number", "").trim())),
				writes(PathSpec.path("tidy"), (request, caller) -> tidy.tidy(request)),
				PathSpec.path("tidy-status").on(Operation.READ, (request, caller) -> tidy.status()),
				writes(PathSpec.path("config/urls"), (request, caller) -> urls.write(request)).on(Operation.READ,
						(request, caller) -> urls.read())));
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
	}

	@Override
	public boolean isUnauthenticated(String path) {
		return UNAUTHENTICATED.contains(path) || (path.startsWith("cert/") && path.indexOf('/', 5) < 0);
	}

	/** A role write is a {@code create} when the role is not stored yet. */
	@Override
	public boolean exists(LogicalRequest request) {
		String path = request.path();
		if (path.startsWith("roles/") && PkiFields.validName(path.substring(6))) {
			return this.store.exists(PkiStore.ROLE + path.substring(6));
		}
		return true;
	}

	/** The lease of a certificate issued with {@code generate_lease} revokes it. */
	@Override
	public void revokeSecret(Map<String, Object> internalData) {
		Object serial = internalData.get("serial_number");
		if (!(serial instanceof String text) || !Serials.valid(text)) {
			throw VaultException.badRequest("could not find serial in internal secret data");
		}
		if (this.store.certificate(text).isEmpty()) {
			return;
		}
		this.revocation.revoke(text);
	}

	private static PathSpec writes(PathSpec path, PathOperation write) {
		return path.on(Operation.CREATE, write).on(Operation.UPDATE, write);
	}

	private static String last(LogicalRequest request) {
		String path = request.path();
		return path.substring(path.lastIndexOf('/') + 1);
	}

}
