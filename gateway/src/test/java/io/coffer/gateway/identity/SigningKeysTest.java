package io.coffer.gateway.identity;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;

import io.coffer.support.identity.IdentityKeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {

	@TempDir
	Path dir;

	@Test
	void aMissingKeyIsGeneratedOnceAndReusedOnTheNextStart() {
		Path key = this.dir.resolve("identity/signing-key.pem");

		KeyPair first = SigningKeys.loadOrGenerate(key, new SecureRandom());
		KeyPair second = SigningKeys.loadOrGenerate(key, new SecureRandom());

		assertThat(IdentityKeyFiles.publicKeyPath(key)).exists();
		assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
		assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
	}

}
