package io.coffer.testsupport.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key material for tests. {@link #identityKeyPair(Path)} writes an internal-identity key
 * pair where deploy/local/run.sh keeps one ({@code identity/signing-key.pem} and
 * {@code signing-key.pub.pem} under a data directory), in the format the services read
 * (docs/identity.md): EC P-256, the private key as PKCS#8 PEM (mode 0600), the public key
 * as X.509 SubjectPublicKeyInfo PEM. JDK only, so that every module, common included, can
 * use it in its tests without depending on a Coffer module.
 */
public final class TestKeys {

	private TestKeys() {
	}

	/**
	 * Generates a fresh pair under {@code dataDir/identity}: the gateway signs with
	 * {@link IdentityKeyPair#signingKey()}, nodes verify with
	 * {@link IdentityKeyPair#verificationKey()}.
	 */
	public static IdentityKeyPair identityKeyPair(Path dataDir) {
		return identityKeyPair(dataDir, "signing-key");
	}

	/**
	 * Generates a fresh pair {@code dataDir/identity/<name>.pem} and
	 * {@code <name>.pub.pem}, as deploy/local/run.sh gives each other service (the nodes,
	 * lease-service) a pair of its own.
	 */
	public static IdentityKeyPair identityKeyPair(Path dataDir, String name) {
		Path signingKey = dataDir.resolve("identity").resolve(name + ".pem");
		Path verificationKey = signingKey.resolveSibling(name + ".pub.pem");
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
			KeyPair pair = generator.generateKeyPair();
			Files.createDirectories(signingKey.getParent());
			Files.writeString(verificationKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()),
					StandardCharsets.US_ASCII);
			Files.writeString(signingKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
					StandardCharsets.US_ASCII);
			if (Files.getFileStore(signingKey).supportsFileAttributeView("posix")) {
				Files.setPosixFilePermissions(signingKey, PosixFilePermissions.fromString("rw-------"));
			}
			return new IdentityKeyPair(signingKey, verificationKey, pair);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a test key pair under " + dataDir, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("this JDK cannot generate EC P-256 keys", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	/**
	 * The files of one identity key pair and the pair itself.
	 *
	 * @param signingKey the private key (PKCS#8 PEM), what the gateway's
	 * {@code coffer.identity.signing-key} points at
	 * @param verificationKey the public key (X.509 PEM), what a node's
	 * {@code coffer.identity.verification-keys} lists
	 * @param keyPair the keys, for tests that sign or verify in process
	 */
	public record IdentityKeyPair(Path signingKey, Path verificationKey, KeyPair keyPair) {

		@Override
		public String toString() {
			return "IdentityKeyPair[" + this.signingKey + ", private key redacted]";
		}

	}

}
