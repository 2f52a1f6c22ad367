package io.coffer.secrets.engine.transit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written RSA paths agree with the JDK's own signature algorithms, so signatures
 * interoperate with any standard verifier (and Vault's, which uses the same standards).
 */
class SignatureCompatibilityTest {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static byte[] pkcs8;

	private static String publicPem;

	private final byte[] message = "the quick brown fox".getBytes(StandardCharsets.UTF_8);

	@BeforeAll
	static void key() {
		pkcs8 = RsaKeys.generate(2048, RANDOM);
		publicPem = RsaKeys.publicKeyPem(pkcs8);
	}

	@Test
	void pssSignatureWithMaximumSaltVerifiesWithTheJdk() throws Exception {
		HashAlgorithm hash = HashAlgorithm.SHA2_256;
		int salt = RsaKeys.maxSaltLength(2048, hash);
		byte[] signature = RsaKeys.signPss(pkcs8, hash.digest(this.message), hash, salt, RANDOM);

		Signature jdk = Signature.getInstance("RSASSA-PSS");
		jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
		jdk.initVerify(publicKey());
		jdk.update(this.message);
		assertThat(jdk.verify(signature)).isTrue();
	}

	@Test
	void jdkPssSignatureWithHashLengthSaltVerifiesWithAutoDetection() throws Exception {
		Signature jdk = Signature.getInstance("RSASSA-PSS");
		jdk.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
		jdk.initSign(java.security.KeyFactory.getInstance("RSA")
			.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8)));
		jdk.update(this.message);
		byte[] signature = jdk.sign();

		HashAlgorithm hash = HashAlgorithm.SHA2_384;
		assertThat(RsaKeys.verifyPss(publicPem, hash.digest(this.message), hash, -1, signature)).isTrue();
		assertThat(RsaKeys.verifyPss(publicPem, hash.digest(this.message), hash, 48, signature)).isTrue();
		assertThat(RsaKeys.verifyPss(publicPem, hash.digest(this.message), hash, 20, signature)).isFalse();
		assertThat(RsaKeys.verifyPss(publicPem, hash.digest("other".getBytes()), hash, -1, signature)).isFalse();
	}

	@Test
	void pkcs1SignatureVerifiesWithTheJdk() throws Exception {
		for (HashAlgorithm hash : new HashAlgorithm[] { HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_512,
				HashAlgorithm.SHA3_256 }) {
			byte[] signature = RsaKeys.signPkcs1(pkcs8, hash.digest(this.message), hash);
			Signature jdk = Signature.getInstance(hash.vaultName().startsWith("sha3") ? "SHA3-256withRSA"
					: "SHA" + hash.vaultName().substring(5) + "withRSA");
			jdk.initVerify(publicKey());
			jdk.update(this.message);
			assertThat(jdk.verify(signature)).as(hash.vaultName()).isTrue();
		}
	}

	@Test
	void ed25519KeyRebuiltFromItsSeedHasTheSamePublicKey() {
		byte[] key = Ed25519Keys.generate(RANDOM);
		byte[] rebuilt = Ed25519Keys.fromSeed(java.util.Arrays.copyOf(key, 32));

		assertThat(rebuilt).isEqualTo(key);
		assertThat(
				Ed25519Keys.verify(Ed25519Keys.publicKey(key), this.message, Ed25519Keys.sign(rebuilt, this.message)))
			.isTrue();
	}

	private static PublicKey publicKey() throws Exception {
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Pem.decode(publicPem)));
	}

}
