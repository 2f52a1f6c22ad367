package io.coffer.testsupport.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.coffer.testsupport.keys.TestKeys.IdentityKeyPair;

import static org.assertj.core.api.Assertions.assertThat;

class TestKeysTest {

	@TempDir
	Path dataDir;

	@Test
	void writesAPairThatSignsAndVerifiesWhereRunShKeepsIt() throws Exception {
		IdentityKeyPair pair = TestKeys.identityKeyPair(this.dataDir);

		assertThat(pair.signingKey()).isEqualTo(this.dataDir.resolve("identity/signing-key.pem"));
		assertThat(pair.verificationKey()).isEqualTo(this.dataDir.resolve("identity/signing-key.pub.pem"));
		KeyFactory ec = KeyFactory.getInstance("EC");
		PrivateKey privateKey = ec.generatePrivate(new PKCS8EncodedKeySpec(der(pair.signingKey(), "PRIVATE KEY")));
		PublicKey publicKey = ec.generatePublic(new X509EncodedKeySpec(der(pair.verificationKey(), "PUBLIC KEY")));
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(privateKey);
		signer.update(new byte[] { 1, 2, 3 });
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(publicKey);
		verifier.update(new byte[] { 1, 2, 3 });
		assertThat(verifier.verify(signature)).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.signingKey())))
			.isEqualTo("rw-------");
		assertThat(pair.toString()).doesNotContain(Base64.getEncoder().encodeToString(privateKey.getEncoded()));
	}

	private static byte[] der(Path file, String type) throws Exception {
		String text = Files.readString(file, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("-----BEGIN " + type + "-----\n").endsWith("-----END " + type + "-----\n");
		String body = text.replace("-----BEGIN " + type + "-----", "")
			.replace("-----END " + type + "-----", "")
			.replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

}
