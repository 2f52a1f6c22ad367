package io.coffer.support.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The internal identity's key files: an EC P-256 private key as PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl pkcs8 -topk8 -nocrypt}
 * writes) and its public key as X.509 SubjectPublicKeyInfo PEM
 * ({@code -----BEGIN PUBLIC KEY-----}) in {@code <name>.pub.pem} beside it. JDK only, so
 * launchers and tests can use it without the signing libraries.
 */
public final class IdentityKeyFiles {

	private static final String CURVE = "secp256r1";

	private static final String PRIVATE = "PRIVATE KEY";

	private static final String PUBLIC = "PUBLIC KEY";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private static final int KEY_ID_LENGTH = 16;

	private IdentityKeyFiles() {
	}

	/**
	 * Where the public key of {@code privateKey} lives: {@code signing-key.pem} →
	 * {@code signing-key.pub.pem}.
	 */
	public static Path publicKeyPath(Path privateKey) {
		String name = privateKey.getFileName().toString();
		String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
		return privateKey.resolveSibling(base + ".pub.pem");
	}

	/**
	 * Generates a P-256 key pair and writes the public key, then the private key (mode
	 * 0600). Each file appears complete or not at all (written aside, then renamed), and
	 * the private key last, so that its presence means the pair is complete. An existing
	 * private key is never overwritten.
	 */
	public static KeyPair generate(Path privateKey, SecureRandom random) {
		if (Files.exists(privateKey)) {
			throw new IllegalStateException(privateKey + " already exists; it is never overwritten");
		}
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(CURVE), random);
			KeyPair pair = generator.generateKeyPair();
			Files.createDirectories(privateKey.toAbsolutePath().getParent());
			writeAtomically(publicKeyPath(privateKey), pem(PUBLIC, pair.getPublic().getEncoded()), WORLD_READABLE);
			writeAtomically(privateKey, pem(PRIVATE, pair.getPrivate().getEncoded()), OWNER_ONLY);
			return pair;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the identity key pair at " + privateKey, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("this JDK cannot generate EC P-256 keys", ex);
		}
	}

	public static ECPrivateKey readPrivateKey(Path file) {
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(der(file, PRIVATE)));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			// The key itself never goes into the message.
			throw new IllegalArgumentException(file + " is not a PKCS#8 EC private key", ex);
		}
	}

	public static ECPublicKey readPublicKey(Path file) {
		try {
			return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(file, PUBLIC)));
		}
		catch (GeneralSecurityException | ClassCastException ex) {
			throw new IllegalArgumentException(file + " is not an X.509 EC public key", ex);
		}
	}

	/**
	 * Reads the private key and the public key beside it and checks that they belong
	 * together, so that a gateway never signs with a key whose public half the nodes were
	 * given by mistake for another one.
	 */
	public static KeyPair readPair(Path privateKey) {
		ECPrivateKey privatePart = readPrivateKey(privateKey);
		Path publicPath = publicKeyPath(privateKey);
		if (!Files.isRegularFile(publicPath)) {
			throw new IllegalArgumentException("the public key " + publicPath + " of " + privateKey
					+ " is missing; write it with: openssl ec -in " + privateKey + " -pubout -out " + publicPath);
		}
		ECPublicKey publicPart = readPublicKey(publicPath);
		if (!matches(privatePart, publicPart)) {
			throw new IllegalArgumentException(publicPath + " is not the public key of " + privateKey);
		}
		return new KeyPair(publicPart, privatePart);
	}

	/**
	 * The key id: the first 16 characters of the base64url SHA-256 of the public key's
	 * DER encoding (its SubjectPublicKeyInfo).
	 */
	public static String keyId(PublicKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, KEY_ID_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
		}
	}

	private static boolean matches(ECPrivateKey privateKey, ECPublicKey publicKey) {
		try {
			byte[] probe = "coffer identity key check".getBytes(StandardCharsets.US_ASCII);
			Signature signer = Signature.getInstance("SHA256withECDSA");
			signer.initSign(privateKey);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(publicKey);
			verifier.update(probe);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static void writeAtomically(Path file, String content, Set<PosixFilePermission> mode) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Path temporary;
		try {
			temporary = Files.createTempFile(parent, ".identity-", ".tmp",
					PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: the directory's own access rules apply.
			temporary = Files.createTempFile(parent, ".identity-", ".tmp");
		}
		try {
			Files.writeString(temporary, content, StandardCharsets.US_ASCII);
			if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(temporary, mode);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static byte[] der(Path file, String type) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
		String begin = "-----BEGIN " + type + "-----";
		String end = "-----END " + type + "-----";
		int from = text.indexOf(begin);
		int to = text.indexOf(end);
		if (from < 0 || to < from) {
			throw new IllegalArgumentException(file + " holds no PEM block '" + begin + "'");
		}
		String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
		try {
			return Base64.getDecoder().decode(body);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + " holds a malformed PEM block", ex);
		}
	}

}
