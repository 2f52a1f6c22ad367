package io.coffer.secrets.engine.pki;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.pki.PkiFields.bool;
import static io.coffer.secrets.engine.pki.PkiFields.commaList;
import static io.coffer.secrets.engine.pki.PkiFields.integer;
import static io.coffer.secrets.engine.pki.PkiFields.seconds;
import static io.coffer.secrets.engine.pki.PkiFields.string;

/**
 * {@code roles/<name>}: write (a create starts from Vault's defaults, an update from the
 * stored role; answers the role as stored), read, list, delete.
 */
final class RolePaths {

	private final PkiStore store;

	RolePaths(PkiStore store) {
		this.store = store;
	}

	LogicalResponse write(LogicalRequest request, String name) {
		Map<String, Object> data = request.data();
		PkiRole old = (request.operation() == Operation.CREATE) ? PkiRole.DEFAULTS
				: this.store.role(name).orElse(PkiRole.DEFAULTS);
		PkiRole.Names oldNames = old.names();
		PkiRole.Names names = new PkiRole.Names(commaList(data, "allowed_domains", oldNames.allowedDomains()),
				bool(data, "allow_localhost", oldNames.allowLocalhost()),
				bool(data, "allow_bare_domains", oldNames.allowBareDomains()),
				bool(data, "allow_subdomains", oldNames.allowSubdomains()),
				bool(data, "allow_glob_domains", oldNames.allowGlobDomains()),
				bool(data, "allow_wildcard_certificates", oldNames.allowWildcardCertificates()),
				bool(data, "allow_any_name", oldNames.allowAnyName()),
				bool(data, "enforce_hostnames", oldNames.enforceHostnames()));
		String keyType = string(data, "key_type", old.keyType());
		int keyBits = PkiFields.has(data, "key_bits") || PkiFields.has(data, "key_type") ? integer(data, "key_bits", 0)
				: old.keyBits();
		KeySpec spec = KeySpec.of(keyType, keyBits, true);
		boolean noStore = bool(data, "no_store", old.noStore());
		boolean generateLease = bool(data, "generate_lease", old.generateLease());
		List<String> warnings = new ArrayList<>();
		if (noStore && generateLease) {
			warnings.add("mutually exclusive values no_store=true and generate_lease=true were both specified; "
					+ "no_store=true takes priority");
			generateLease = false;
		}
		else if (generateLease) {
			warnings.add("it is encouraged to disable generate_lease and rely on PKI's native capabilities when "
					+ "possible; this option can cause instance-wide issues with large numbers of issued certificates");
		}
		PkiRole role = new PkiRole(seconds(data, "ttl", old.ttlSeconds()),
				seconds(data, "max_ttl", old.maxTtlSeconds()), names, bool(data, "allow_ip_sans", old.allowIpSans()),
				bool(data, "server_flag", old.serverFlag()), bool(data, "client_flag", old.clientFlag()), spec.type(),
				spec.bits(), noStore, generateLease, bool(data, "require_cn", old.requireCn()),
				string(data, "issuer_ref", old.issuerRef()));
		if (role.maxTtlSeconds() > 0 && role.ttlSeconds() > role.maxTtlSeconds()) {
			throw VaultException.badRequest("\"ttl\" value must be less than \"max_ttl\" value");
		}
		this.store.putRole(name, role);
		return LogicalResponse.data(role.toResponse()).withWarnings(warnings);
	}

	LogicalResponse read(String name) {
		return LogicalResponse.data(this.store.role(name).orElseThrow(VaultException::notFound).toResponse());
	}

	LogicalResponse list() {
		List<String> names = this.store.names(PkiStore.ROLE);
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(Map.of("keys", names));
	}

	LogicalResponse delete(String name) {
		this.store.delete(PkiStore.ROLE + name);
		return LogicalResponse.empty();
	}

}
