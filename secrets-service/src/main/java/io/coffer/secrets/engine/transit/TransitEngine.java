package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * The transit engine of one mount: routes each request to its path group. Keys live in
 * the mount's barrier view only; this class holds no key material.
 */
final class TransitEngine implements SecretEngine {

	private final KeyStore store;

	private final KeysPath keys;

	private final KeyConfigPath keyConfig;

	private final ExportPath export;

	private final EncryptPath encrypt;

	private final DecryptPath decrypt;

	private final RewrapPath rewrap;

	private final DatakeyPath datakey;

	private final HmacPath hmac;

	private final SignPath sign;

	private final VerifyPath verify;

	private final HashRandomPaths hashRandom;

	TransitEngine(BarrierView view, Clock clock, SecureRandom random) {
		KeyMaterial material = new KeyMaterial(random);
		this.store = new KeyStore(view, material, clock);
		Encryptor encryptor = new Encryptor(random);
		Signer signer = new Signer(random);
		this.keys = new KeysPath(this.store);
		this.keyConfig = new KeyConfigPath(this.store);
		this.export = new ExportPath(this.store);
		this.encrypt = new EncryptPath(this.store, encryptor);
		this.decrypt = new DecryptPath(this.store, encryptor);
		this.rewrap = new RewrapPath(this.store, encryptor);
		this.datakey = new DatakeyPath(this.store, encryptor, material);
		this.hmac = new HmacPath(this.store);
		this.sign = new SignPath(this.store, signer);
		this.verify = new VerifyPath(this.store, signer, this.hmac);
		this.hashRandom = new HashRandomPaths(random);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		List<String> parts = Arrays.asList(request.path().split("/", -1));
		String head = parts.get(0);
		int size = parts.size();
		if (request.operation() == Operation.LIST) {
			if (head.equals("keys") && (size == 1 || (size == 2 && parts.get(1).isEmpty()))) {
				return this.keys.list();
			}
			throw VaultException.unsupportedPath(request.fullPath());
		}
		return switch (head) {
			case "keys" -> keys(request, parts);
			case "export" -> {
				requireRead(request, size == 3 || size == 4);
				yield this.export.read(parts.get(1), name(request, parts.get(2)), (size == 4) ? parts.get(3) : "",
						request.data());
			}
			case "encrypt" -> this.encrypt.handle(request, name(request, single(request, parts)));
			case "decrypt" -> this.decrypt.handle(request, name(request, single(request, parts)));
			case "rewrap" -> this.rewrap.handle(request, name(request, single(request, parts)));
			case "datakey" -> {
				requireWrite(request, size == 3);
				yield this.datakey.handle(request, parts.get(1), name(request, parts.get(2)));
			}
			case "hmac" -> this.hmac.hmac(request, name(request, withAlgorithm(request, parts)), algorithm(parts));
			case "sign" -> this.sign.handle(request, name(request, withAlgorithm(request, parts)), algorithm(parts));
			case "verify" ->
				this.verify.handle(request, name(request, withAlgorithm(request, parts)), algorithm(parts));
			case "hash" -> {
				requireWrite(request, size <= 2);
				yield this.hashRandom.hash(request, (size == 2) ? parts.get(1) : "");
			}
			case "random" -> {
				requireWrite(request, size <= 4);
				yield this.hashRandom.random(request, parts.subList(1, size));
			}
			default -> throw VaultException.unsupportedPath(request.fullPath());
		};
	}

	/**
	 * Vault's existence check on {@code encrypt/}: a write to a missing key is a
	 * {@code create}, which upserts the key.
	 */
	@Override
	public boolean exists(LogicalRequest request) {
		String[] parts = request.path().split("/", -1);
		if (parts.length == 2 && parts[0].equals("encrypt") && TransitFields.validName(parts[1])) {
			return this.store.exists(parts[1]);
		}
		return true;
	}

	private LogicalResponse keys(LogicalRequest request, List<String> parts) {
		if (parts.size() == 2) {
			return this.keys.handle(request, name(request, parts.get(1)));
		}
		if (parts.size() == 3) {
			String name = name(request, parts.get(1));
			return switch (parts.get(2)) {
				case "rotate" -> this.keyConfig.rotate(request, name);
				case "config" -> this.keyConfig.config(request, name);
				default -> throw VaultException.unsupportedPath(request.fullPath());
			};
		}
		throw VaultException.unsupportedPath(request.fullPath());
	}

	private static String single(LogicalRequest request, List<String> parts) {
		requireWrite(request, parts.size() == 2);
		return parts.get(1);
	}

	/** {@code <op>/:name} or {@code <op>/:name/:algorithm}. */
	private static String withAlgorithm(LogicalRequest request, List<String> parts) {
		requireWrite(request, parts.size() == 2 || parts.size() == 3);
		return parts.get(1);
	}

	private static String algorithm(List<String> parts) {
		return (parts.size() == 3) ? parts.get(2) : "";
	}

	private static String name(LogicalRequest request, String name) {
		if (!TransitFields.validName(name)) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		return name;
	}

	private static void requireWrite(LogicalRequest request, boolean pathMatches) {
		if (!pathMatches) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		if (request.operation() != Operation.CREATE && request.operation() != Operation.UPDATE) {
			throw VaultException.unsupportedOperation();
		}
	}

	private static void requireRead(LogicalRequest request, boolean pathMatches) {
		if (!pathMatches) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		if (request.operation() != Operation.READ) {
			throw VaultException.unsupportedOperation();
		}
	}

}
