package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.engine.transit.crypto.EcdsaKeys;
import io.coffer.secrets.engine.transit.crypto.Ed25519Keys;
import io.coffer.secrets.engine.transit.crypto.Pem;
import io.coffer.secrets.engine.transit.crypto.RsaKeys;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code export/:type/:name(/:version)}: private material only from keys created
 * {@code exportable}, in Vault's formats ({@code format} empty, {@code raw}, {@code der}
 * or {@code pem}); {@code public-key} from any asymmetric key.
 */
final class ExportPath {

	private final KeyStore store;

	ExportPath(KeyStore store) {
		this.store = store;
	}

	LogicalResponse read(String exportType, String name, String version, Map<String, Object> data) {
		switch (exportType) {
			case "encryption-key", "signing-key", "hmac-key", "public-key" -> {
			}
			default -> throw VaultException.badRequest("invalid export type: " + TransitFields.abbreviate(exportType));
		}
		String format = TransitFields.string(data, "format");
		switch (format) {
			case "", "raw", "der", "pem" -> {
			}
			default -> throw VaultException.badRequest("invalid format: " + TransitFields.abbreviate(format));
		}
		try (KeyPolicy policy = this.store.find(name).orElseThrow(VaultException::notFound)) {
			check(policy, exportType);
			Map<String, String> keys = new LinkedHashMap<>();
			if (version.isEmpty()) {
				policy.versions()
					.forEach((number, entry) -> keys.put(number.toString(),
							encode(policy.type(), entry, exportType, format)));
			}
			else {
				int number = version(policy, version);
				keys.put(Integer.toString(number), encode(policy.type(), policy.version(number), exportType, format));
			}
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("name", policy.name());
			out.put("type", policy.type().vaultName());
			out.put("keys", keys);
			return LogicalResponse.data(out);
		}
	}

	private static void check(KeyPolicy policy, String exportType) {
		KeyType type = policy.type();
		if (!policy.config().exportable() && !exportType.equals("public-key")) {
			throw VaultException.badRequest("private key material is not exportable");
		}
		if (exportType.equals("encryption-key") && !type.supportsEncryption()) {
			throw VaultException.badRequest("encryption not supported for the key");
		}
		if (exportType.equals("signing-key") && !type.supportsSigning()) {
			throw VaultException.badRequest("signing not supported for the key");
		}
		if (exportType.equals("public-key") && !type.supportsSigning()) {
			throw VaultException.badRequest("public key not available for key type " + type.vaultName());
		}
	}

	private static int version(KeyPolicy policy, String text) {
		int number;
		if (text.equals("latest")) {
			number = policy.latestVersion();
		}
		else {
			try {
				number = Integer.parseInt(text.startsWith("v") ? text.substring(1) : text);
			}
			catch (NumberFormatException ex) {
				throw VaultException.badRequest("invalid key version");
			}
		}
		if (number < policy.config().minDecryptionVersion()) {
			throw VaultException.badRequest("version for export is below minimum decryption version");
		}
		if (!policy.versions().containsKey(number)) {
			throw VaultException.badRequest("version does not exist or cannot be found");
		}
		return number;
	}

	private static String encode(KeyType type, KeyVersion entry, String exportType, String format) {
		Base64.Encoder base64 = Base64.getEncoder();
		if (exportType.equals("hmac-key")) {
			requireRaw(format, "HMAC");
			return base64.encodeToString((type == KeyType.HMAC) ? entry.key() : entry.hmacKey());
		}
		return switch (type.family()) {
			case SYMMETRIC -> {
				requireRaw(format, "symmetric");
				yield base64.encodeToString(entry.key());
			}
			case RSA -> exportType.equals("public-key") ? publicKey(entry, format, false)
					: privateKey(RsaKeys.pkcs1(entry.key()), "RSA PRIVATE KEY", entry.key(), format, false);
			case ECDSA -> exportType.equals("public-key") ? publicKey(entry, format, true)
					: privateKey(EcdsaKeys.sec1(entry.key(), entry.publicKey(), type.curve()), "EC PRIVATE KEY",
							entry.key(), format, true);
			case ED25519 -> ed25519(entry, exportType, format);
			case HMAC -> throw VaultException.badRequest("unknown key type hmac for export type " + exportType);
		};
	}

	private static String ed25519(KeyVersion entry, String exportType, String format) {
		boolean publicKey = exportType.equals("public-key");
		if (format.isEmpty() || format.equals("raw")) {
			return publicKey ? entry.publicKey() : Base64.getEncoder().encodeToString(entry.key());
		}
		byte[] der = publicKey ? Ed25519Keys.spki(Ed25519Keys.publicKey(entry.key())) : Ed25519Keys.pkcs8(entry.key());
		return format.equals("der") ? Base64.getEncoder().encodeToString(der)
				: Pem.encode(publicKey ? "PUBLIC KEY" : "PRIVATE KEY", der).strip();
	}

	/** Default format: the type's own DER under its PEM label; der/pem: PKCS #8. */
	private static String privateKey(byte[] ownDer, String ownLabel, byte[] pkcs8, String format, boolean trim) {
		requireNotRaw(format);
		if (format.equals("der")) {
			return Base64.getEncoder().encodeToString(pkcs8);
		}
		String pem = format.isEmpty() ? Pem.encode(ownLabel, ownDer) : Pem.encode("PRIVATE KEY", pkcs8);
		return trim ? pem.strip() : pem;
	}

	private static String publicKey(KeyVersion entry, String format, boolean trim) {
		requireNotRaw(format);
		if (format.equals("der")) {
			return Base64.getEncoder().encodeToString(Pem.decode(entry.publicKey()));
		}
		return trim ? entry.publicKey().strip() : entry.publicKey();
	}

	private static void requireRaw(String format, String kind) {
		if (format.equals("der") || format.equals("pem")) {
			throw VaultException.badRequest("unknown format for " + kind + " key; supported values are `` or `raw`");
		}
	}

	private static void requireNotRaw(String format) {
		if (format.equals("raw")) {
			throw VaultException
				.badRequest("unknown key format for asymmetric key; supported values are ``, `der`, or `pem`");
		}
	}

}
