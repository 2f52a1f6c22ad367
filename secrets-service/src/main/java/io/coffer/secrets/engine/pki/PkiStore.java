package io.coffer.secrets.engine.pki;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.VaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's records in its mount's barrier view (which encrypts them, CA keys
 * included), at Vault's keys: {@code config/issuers} (the default issuer's id),
 * {@code issuer/<id>}, {@code key/<id>}, {@code role/<name>}, {@code certs/<serial>} (the
 * DER certificate), {@code revoked/<serial>}, {@code crls/<issuer id>},
 * {@code config/urls}. Serials are stored in their hyphen form.
 */
final class PkiStore {

	static final String ISSUER = "issuer/";

	static final String KEY = "key/";

	static final String ROLE = "role/";

	static final String CERTS = "certs/";

	static final String REVOKED = "revoked/";

	static final String CRLS = "crls/";

	private static final String DEFAULT_ISSUER = "config/issuers";

	private static final String URLS = "config/urls";

	private final BarrierView view;

	private final JsonMapper mapper = JsonMapper.builder().build();

	PkiStore(BarrierView view) {
		this.view = view;
	}

	Optional<String> defaultIssuerId() {
		return this.view.get(DEFAULT_ISSUER).map((bytes) -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
	}

	void putDefaultIssuerId(String id) {
		this.view.put(DEFAULT_ISSUER, id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	Optional<StoredIssuer> issuer(String id) {
		return read(ISSUER + id, StoredIssuer.class);
	}

	List<StoredIssuer> issuers() {
		return names(ISSUER).stream().map(this::issuer).flatMap(Optional::stream).toList();
	}

	void putIssuer(StoredIssuer issuer) {
		write(ISSUER + issuer.id(), issuer);
	}

	Optional<StoredKey> key(String id) {
		return read(KEY + id, StoredKey.class);
	}

	void putKey(StoredKey key) {
		write(KEY + key.id(), key);
	}

	Optional<PkiRole> role(String name) {
		return read(ROLE + name, PkiRole.class);
	}

	void putRole(String name, PkiRole role) {
		write(ROLE + name, role);
	}

	Optional<byte[]> certificate(String serial) {
		return this.view.get(CERTS + Serials.storageKey(serial));
	}

	void putCertificate(String serial, byte[] der) {
		this.view.put(CERTS + Serials.storageKey(serial), der);
	}

	Optional<RevokedCert> revoked(String serial) {
		return read(REVOKED + Serials.storageKey(serial), RevokedCert.class);
	}

	List<RevokedCert> revokedCerts() {
		return names(REVOKED).stream().map(this::revoked).flatMap(Optional::stream).toList();
	}

	void putRevoked(RevokedCert revoked) {
		write(REVOKED + Serials.storageKey(revoked.serial()), revoked);
	}

	Optional<CrlState> crl(String issuerId) {
		return read(CRLS + issuerId, CrlState.class);
	}

	void putCrl(String issuerId, CrlState crl) {
		write(CRLS + issuerId, crl);
	}

	UrlsConfig urls() {
		return read(URLS, UrlsConfig.class).orElse(UrlsConfig.NONE);
	}

	void putUrls(UrlsConfig urls) {
		write(URLS, urls);
	}

	Optional<TidyStatus> tidyStatus(String key) {
		return read(key, TidyStatus.class);
	}

	void putTidyStatus(String key, TidyStatus status) {
		write(key, status);
	}

	boolean exists(String key) {
		return this.view.get(key).isPresent();
	}

	/** The names directly under {@code prefix}, sorted. */
	List<String> names(String prefix) {
		return this.view.list(prefix).stream().filter((name) -> !name.endsWith("/")).sorted().toList();
	}

	void delete(String key) {
		this.view.delete(key);
	}

	static byte[] decode(String base64) {
		return Base64.getDecoder().decode(base64);
	}

	private <T> Optional<T> read(String key, Class<T> type) {
		return this.view.get(key).map((bytes) -> {
			try {
				return this.mapper.readValue(bytes, type);
			}
			catch (JacksonException ex) {
				throw new VaultException(500, "could not decode a stored pki engine record");
			}
		});
	}

	private void write(String key, Object value) {
		try {
			this.view.put(key, this.mapper.writeValueAsBytes(value));
		}
		catch (JacksonException ex) {
			throw new VaultException(500, "could not encode a pki engine record");
		}
	}

}
