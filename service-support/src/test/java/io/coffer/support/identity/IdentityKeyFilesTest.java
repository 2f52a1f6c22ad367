package io.coffer.support.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class IdentityKeyFilesTest {

	@TempDir
	Path dir;

	@Test
	void generatedPairIsWrittenAsPemBesideEachOtherAndReadsBack() throws Exception {
		Path privateKey = this.dir.resolve("keys/signing-key.pem");

		KeyPair generated = IdentityKeyFiles.generate(privateKey, new SecureRandom());
		KeyPair read = IdentityKeyFiles.readPair(privateKey);

		Path publicKey = this.dir.resolve("keys/signing-key.pub.pem");
		assertThat(IdentityKeyFiles.publicKeyPath(privateKey)).isEqualTo(publicKey);
		assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----\n");
		assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicKey))).isEqualTo("rw-r--r--");
		assertThat(read.getPrivate().getEncoded()).isEqualTo(generated.getPrivate().getEncoded());
		assertThat(read.getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());
		try (var leftovers = Files.list(privateKey.getParent())) {
			assertThat(leftovers).hasSize(2);
		}
	}

	@Test
	void anExistingPrivateKeyIsNeverOverwritten() throws Exception {
		Path privateKey = this.dir.resolve("signing-key.pem");
		IdentityKeyFiles.generate(privateKey, new SecureRandom());
		String before = Files.readString(privateKey);

		assertThatIllegalStateException().isThrownBy(() -> IdentityKeyFiles.generate(privateKey, new SecureRandom()))
			.withMessageContaining("never overwritten");
		assertThat(Files.readString(privateKey)).isEqualTo(before);
	}

	@Test
	void aPublicKeyOfAnotherPairIsRefused() throws Exception {
		Path first = this.dir.resolve("first.pem");
		Path second = this.dir.resolve("second.pem");
		IdentityKeyFiles.generate(first, new SecureRandom());
		IdentityKeyFiles.generate(second, new SecureRandom());
		Files.copy(IdentityKeyFiles.publicKeyPath(second), IdentityKeyFiles.publicKeyPath(first),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKeyFiles.readPair(first))
			.withMessageContaining("is not the public key of");
	}

	@Test
	void aMissingPublicKeySaysHowToWriteIt() throws Exception {
		Path privateKey = this.dir.resolve("signing-key.pem");
		IdentityKeyFiles.generate(privateKey, new SecureRandom());
		Files.delete(IdentityKeyFiles.publicKeyPath(privateKey));

		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKeyFiles.readPair(privateKey))
			.withMessageContaining("openssl ec -in");
	}

	@Test
	void aFileWithoutTheExpectedPemBlockIsRefusedWithoutEchoingIt() throws Exception {
		Path file = this.dir.resolve("junk.pem");
		Files.writeString(file, "not a key at all");

		assertThatIllegalArgumentException().isThrownBy(() -> IdentityKeyFiles.readPublicKey(file))
			.withMessageNotContaining("not a key at all");
	}

	@Test
	void keyIdIsTheStartOfTheBase64UrlSha256OfThePublicKey() throws Exception {
		KeyPair pair = IdentityKeyFiles.generate(this.dir.resolve("k.pem"), new SecureRandom());
		byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
		String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);

		assertThat(IdentityKeyFiles.keyId(pair.getPublic())).isEqualTo(expected).hasSize(16);
	}

}
