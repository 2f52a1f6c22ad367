package io.coffer.secrets.engine.transit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.secrets.engine.transit.crypto.Bytes;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code encrypt/:name}: single or batch. A missing key is created (upserted) when the
 * request is a {@code create} (the router's existence check found no key, so the ACL
 * demanded the {@code create} capability); it is derived when a context is given.
 */
final class EncryptPath {

	private final KeyStore store;

	private final Encryptor encryptor;

	EncryptPath(KeyStore store, Encryptor encryptor) {
		this.store = store;
		this.encryptor = encryptor;
	}

	LogicalResponse handle(LogicalRequest request, String name) {
		Map<String, Object> data = request.data();
		List<Map<String, Object>> items = Batch.items(data);
		if (items == null && !TransitFields.has(data, "plaintext")) {
			throw VaultException.badRequest("missing plaintext to encrypt");
		}
		boolean contextSet = !TransitFields.string((items != null) ? items.get(0) : data, "context").isEmpty();
		for (Map<String, Object> item : (items != null) ? items : List.of(data)) {
			if (TransitFields.string(item, "context").isEmpty() == contextSet) {
				throw VaultException.badRequest("context should be set either in all the request blocks or in none");
			}
		}
		List<String> warnings = new ArrayList<>();
		try (KeyPolicy policy = keyFor(request, name, contextSet, warnings)) {
			return Batch.process(data, items, (item) -> encryptOne(policy, item)).withWarnings(warnings);
		}
	}

	private KeyPolicy keyFor(LogicalRequest request, String name, boolean contextSet, List<String> warnings) {
		Map<String, Object> data = request.data();
		Optional<KeyPolicy> found = this.store.findForUse(name);
		boolean creating = request.operation() == Operation.CREATE;
		if (found.isPresent()) {
			if (creating) {
				warnings
					.add("Attempted creation of the key during the encrypt operation, but it was created beforehand");
			}
			return found.get();
		}
		if (!creating) {
			throw VaultException.badRequest(TransitErrors.ENCRYPTION_KEY_NOT_FOUND);
		}
		boolean convergent = TransitFields.bool(data, "convergent_encryption");
		if (convergent && !contextSet) {
			throw VaultException
				.badRequest("convergent encryption requires derivation to be enabled, so context is required");
		}
		String typeName = TransitFields.string(data, "type");
		KeyType type = KeyType.parse(typeName.isEmpty() ? KeyType.AES256_GCM96.vaultName() : typeName);
		if (type.family() != KeyType.Family.SYMMETRIC) {
			throw VaultException.badRequest("key type " + type.vaultName() + " not supported for this operation");
		}
		KeyStore.Created created = this.store.create(name, KeyCreation.upsert(type, contextSet, convergent));
		if (!created.created()) {
			warnings.add("Attempted creation of the key during the encrypt operation, but it was created beforehand");
		}
		return created.policy();
	}

	private Map<String, Object> encryptOne(KeyPolicy policy, Map<String, Object> item) {
		byte[] plaintext = TransitFields.base64(TransitFields.string(item, "plaintext"), "plaintext");
		try {
			Encryptor.Input input = new Encryptor.Input(plaintext, context(item), associatedData(policy, item),
					TransitFields.integer(item, "key_version", 0));
			if (!TransitFields.string(item, "nonce").isEmpty()) {
				throw VaultException.badRequest("nonce provided when not allowed");
			}
			Encryptor.Output output = this.encryptor.encrypt(policy, input);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("ciphertext", output.ciphertext());
			result.put("key_version", output.keyVersion());
			return result;
		}
		finally {
			Bytes.wipe(plaintext);
		}
	}

	static byte[] context(Map<String, Object> item) {
		return TransitFields.base64(TransitFields.string(item, "context"), "context");
	}

	static byte[] associatedData(KeyPolicy policy, Map<String, Object> item) {
		byte[] aad = TransitFields.base64(TransitFields.string(item, "associated_data"), "associated_data");
		if (aad.length > 0 && policy.type().family() != KeyType.Family.SYMMETRIC) {
			throw VaultException
				.badRequest("associated_data provided for non-AEAD cipher suite " + policy.type().vaultName());
		}
		return aad;
	}

}
