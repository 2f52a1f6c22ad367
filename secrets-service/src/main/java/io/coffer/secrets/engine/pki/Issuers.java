package io.coffer.secrets.engine.pki;

import java.security.cert.X509Certificate;
import java.util.Optional;

import io.coffer.secrets.kernel.VaultException;

/**
 * Finds the mount's CAs: by {@code issuer_ref} (an id, a name or {@code default}) and as
 * a {@link CertificateSigner.Signer} whose key signs certificates and CRLs.
 */
final class Issuers {

	static final String DEFAULT = "default";

	private final PkiStore store;

	Issuers(PkiStore store) {
		this.store = store;
	}

	/** The issuer a reference names, if any. */
	Optional<StoredIssuer> find(String ref) {
		if (ref.isEmpty() || DEFAULT.equals(ref)) {
			return this.store.defaultIssuerId().flatMap(this.store::issuer);
		}
		Optional<StoredIssuer> byId = this.store.issuer(ref);
		if (byId.isPresent()) {
			return byId;
		}
		return this.store.issuers().stream().filter((issuer) -> issuer.name().equals(ref)).findFirst();
	}

	/** The issuer a role or request names, or Vault's 400 when there is none. */
	StoredIssuer require(String ref) {
		return find(ref).orElseThrow(() -> (ref.isEmpty() || DEFAULT.equals(ref))
				? VaultException.badRequest("no default issuer currently configured")
				: VaultException.badRequest("unable to find PKI issuer for reference: " + ref));
	}

	static X509Certificate certificate(StoredIssuer issuer) {
		return Pem.parseCertificate(PkiStore.decode(issuer.certificate()));
	}

	CertificateSigner.Signer signer(StoredIssuer issuer) {
		StoredKey key = this.store.key(issuer.keyId())
			.orElseThrow(() -> new VaultException(500, "the key of the issuer is missing"));
		return new CertificateSigner.Signer(certificate(issuer),
				Pem.readPkcs8(key.algorithm(), PkiStore.decode(key.pkcs8())), key.spec());
	}

	/** Whether {@code name} is taken by another issuer. */
	boolean nameInUse(String name) {
		return !name.isEmpty() && this.store.issuers().stream().anyMatch((issuer) -> issuer.name().equals(name));
	}

}
