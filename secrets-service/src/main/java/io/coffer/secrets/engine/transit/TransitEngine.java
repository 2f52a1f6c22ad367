package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.EnginePaths;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathOperation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * The transit engine of one mount: serves the paths it declares, each handed to its path
 * group. Keys live in the mount's barrier view only; this class holds no key material.
 * <p>
 * Where a path's key name is checked decides between 404 and 405, as in the hand-written
 * dispatch this replaced: under {@code keys/} an invalid name is no path at all (404,
 * whatever the operation), elsewhere the operation is checked first (405) and an invalid
 * name then answers 404. Transit lists nothing but its keys: a {@code list} anywhere else
 * is an unknown path (404), not an unsupported operation.
 */
final class TransitEngine implements SecretEngine {

	/**
	 * Vault's {@code framework.GenericNameRegex}, for the paths whose pattern checks it.
	 */
	private static final String NAME = TransitFields.NAME_REGEX;

	/** One path segment, possibly empty; its name is checked by the handler. */
	private static final String SEGMENT = "[^/]*";

	private static final List<Operation> NOT_LIST = List.of(Operation.READ, Operation.CREATE, Operation.UPDATE,
			Operation.DELETE, Operation.PATCH);

	private final KeyStore store;

	private final EnginePaths paths;

	TransitEngine(BarrierView view, Clock clock, SecureRandom random) {
		KeyMaterial material = new KeyMaterial(random);
		this.store = new KeyStore(view, material, clock);
		Encryptor encryptor = new Encryptor(random);
		Signer signer = new Signer(random);
		KeysPath keys = new KeysPath(this.store);
		KeyConfigPath keyConfig = new KeyConfigPath(this.store);
		ExportPath export = new ExportPath(this.store);
		EncryptPath encrypt = new EncryptPath(this.store, encryptor);
		DecryptPath decrypt = new DecryptPath(this.store, encryptor);
		RewrapPath rewrap = new RewrapPath(this.store, encryptor);
		DatakeyPath datakey = new DatakeyPath(this.store, encryptor, material);
		HmacPath hmac = new HmacPath(this.store);
		SignPath sign = new SignPath(this.store, signer);
		VerifyPath verify = new VerifyPath(this.store, signer, hmac);
		HashRandomPaths hashRandom = new HashRandomPaths(random);
		this.paths = new EnginePaths(List.of(listOnly(PathSpec.path("keys/?"), (request, caller) -> keys.list()),
				unlisted(PathSpec.path("keys/" + NAME)
					.on(Operation.READ, (request, caller) -> keys.read(segment(request, 1), request.data()))
					.on(Operation.CREATE, (request, caller) -> keys.create(segment(request, 1), request.data()))
					.on(Operation.UPDATE, (request, caller) -> keys.create(segment(request, 1), request.data()))
					.on(Operation.DELETE, (request, caller) -> keys.delete(segment(request, 1)))),
				writes("keys/" + NAME + "/rotate", (request, caller) -> keyConfig.rotate(segment(request, 1))),
				writes("keys/" + NAME + "/config", (request, caller) -> keyConfig.config(request, segment(request, 1))),
				unlisted(PathSpec.path("export/" + SEGMENT + "/" + SEGMENT + "(/" + SEGMENT + ")?")
					.on(Operation.READ,
							(request, caller) -> export.read(segment(request, 1), name(request, 2), segment(request, 3),
									request.data()))),
				writes("encrypt/" + SEGMENT, (request, caller) -> encrypt.handle(request, name(request, 1))),
				writes("decrypt/" + SEGMENT, (request, caller) -> decrypt.handle(request, name(request, 1))),
				writes("rewrap/" + SEGMENT, (request, caller) -> rewrap.handle(request, name(request, 1))),
				writes("datakey/" + SEGMENT + "/" + SEGMENT,
						(request, caller) -> datakey.handle(request, segment(request, 1), name(request, 2))),
				writes("hmac/" + SEGMENT + "(/" + SEGMENT + ")?",
						(request, caller) -> hmac.hmac(request, name(request, 1), segment(request, 2))),
				writes("sign/" + SEGMENT + "(/" + SEGMENT + ")?",
						(request, caller) -> sign.handle(request, name(request, 1), segment(request, 2))),
				writes("verify/" + SEGMENT + "(/" + SEGMENT + ")?",
						(request, caller) -> verify.handle(request, name(request, 1), segment(request, 2))),
				writes("hash(/" + SEGMENT + ")?", (request, caller) -> hashRandom.hash(request, segment(request, 1))),
				writes("random(/" + SEGMENT + "){0,3}", (request, caller) -> {
					List<String> segments = segments(request);
					return hashRandom.random(request, segments.subList(1, segments.size()));
				})));
	}

	@Override
	public LogicalResponse handle(LogicalRequest request) {
		return this.paths.handle(request);
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

	/** A path served by {@code create} and {@code update} alike. */
	private static PathSpec writes(String regex, PathOperation write) {
		return unlisted(PathSpec.path(regex).on(Operation.CREATE, write).on(Operation.UPDATE, write));
	}

	/** A path that answers {@code list} with 404, as no path but {@code keys/} lists. */
	private static PathSpec unlisted(PathSpec path) {
		return path.on(Operation.LIST, TransitEngine::unsupportedPath);
	}

	/**
	 * {@code keys/}: listing; any other operation finds no path there (Vault's 404, not
	 * 405), as {@code keys} without a name is no key.
	 */
	private static PathSpec listOnly(PathSpec path, PathOperation list) {
		PathSpec declared = path.on(Operation.LIST, list);
		for (Operation operation : NOT_LIST) {
			declared = declared.on(operation, TransitEngine::unsupportedPath);
		}
		return declared;
	}

	private static LogicalResponse unsupportedPath(LogicalRequest request, Caller caller) {
		throw VaultException.unsupportedPath(request.fullPath());
	}

	private static List<String> segments(LogicalRequest request) {
		return Arrays.asList(request.path().split("/", -1));
	}

	/** The path's {@code index}th segment, empty when the path is shorter. */
	private static String segment(LogicalRequest request, int index) {
		List<String> segments = segments(request);
		return (index < segments.size()) ? segments.get(index) : "";
	}

	/**
	 * The key name in the path's {@code index}th segment; 404 when it is no valid name.
	 */
	private static String name(LogicalRequest request, int index) {
		String name = segment(request, index);
		if (!TransitFields.validName(name)) {
			throw VaultException.unsupportedPath(request.fullPath());
		}
		return name;
	}

}
