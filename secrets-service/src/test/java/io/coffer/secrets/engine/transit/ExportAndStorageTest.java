package io.coffer.secrets.engine.transit;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.engine.transit.crypto.Pem;

import static io.coffer.secrets.engine.transit.TransitFixture.b64;
import static io.coffer.secrets.engine.transit.TransitFixture.map;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class ExportAndStorageTest {

	private final TransitFixture transit = new TransitFixture();

	@Test
	void privateMaterialIsExportedOnlyFromExportableKeys() {
		this.transit.createKey("k");
		this.transit.createKey("s", "type", "ecdsa-p256");

		assertThat(this.transit.failure("export/encryption-key/k", Map.of()).status()).isEqualTo(405);
		assertThat(readFailure("export/encryption-key/k").errors())
			.containsExactly("private key material is not exportable");
		assertThat(readFailure("export/signing-key/s").errors())
			.containsExactly("private key material is not exportable");
		assertThat(readFailure("export/hmac-key/k").errors()).containsExactly("private key material is not exportable");
		assertThat(map(this.transit.read("export/public-key/s").data().get("keys")).get("1").toString())
			.startsWith("-----BEGIN PUBLIC KEY-----");
		assertThat(readFailure("export/bogus/k").errors()).containsExactly("invalid export type: bogus");
	}

	@Test
	void exportedAesKeyDecryptsTheWireFormat() throws Exception {
		this.transit.createKey("k", "exportable", true);
		String ciphertext = this.transit.encrypt("k", "portable");

		Map<String, Object> export = this.transit.read("export/encryption-key/k/1").data();
		assertThat(export).containsEntry("name", "k").containsEntry("type", "aes256-gcm96");
		byte[] key = Base64.getDecoder().decode((String) map(export.get("keys")).get("1"));
		byte[] raw = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
				new GCMParameterSpec(128, Arrays.copyOf(raw, 12)));

		assertThat(new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8)).isEqualTo("portable");
	}

	@Test
	void exportedEcdsaKeySignsWhatTransitVerifies() throws Exception {
		this.transit.createKey("s", "type", "ecdsa-p384", "exportable", true);

		String sec1 = (String) map(this.transit.read("export/signing-key/s").data().get("keys")).get("1");
		assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----\n").endsWith("-----END EC PRIVATE KEY-----");
		String pkcs8 = (String) map(this.transit
			.call(io.coffer.secrets.kernel.Operation.READ, "export/signing-key/s/latest", mapOf("format", "pem"))
			.data()
			.get("keys")).get("1");

		Signature jdk = Signature.getInstance("SHA256withECDSA");
		jdk.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(pkcs8))));
		jdk.update("outside".getBytes());
		String signature = "vault:v1:" + Base64.getEncoder().encodeToString(jdk.sign());
		assertThat(this.transit.write("verify/s", mapOf("input", b64("outside"), "signature", signature)).data())
			.containsEntry("valid", true);
	}

	@Test
	void exportFormatsOfRsaAndEd25519() {
		this.transit.createKey("r", "type", "rsa-2048", "exportable", true);
		this.transit.createKey("e", "type", "ed25519", "exportable", true);

		assertThat((String) map(this.transit.read("export/encryption-key/r").data().get("keys")).get("1"))
			.startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
		assertThat(Base64.getDecoder()
			.decode((String) map(this.transit.read("export/signing-key/e").data().get("keys")).get("1"))).hasSize(64);
		assertThat(readFailure("export/encryption-key/e").errors())
			.containsExactly("encryption not supported for the key");
		assertThat(readFailure("export/signing-key/r/7").errors())
			.containsExactly("version does not exist or cannot be found");
	}

	@Test
	void keyMaterialNeverReachesStorageInTheClear() {
		this.transit.createKey("k", "exportable", true);
		String exported = (String) map(this.transit.read("export/encryption-key/k").data().get("keys")).get("1");
		byte[] key = Base64.getDecoder().decode(exported);
		String keyHex = HexFormat.of().formatHex(key);

		this.transit.storage.raw().forEach((path, stored) -> {
			String asText = new String(stored, StandardCharsets.ISO_8859_1);
			assertThat(asText).as(path).doesNotContain(exported).doesNotContain("aes256");
			assertThat(HexFormat.of().formatHex(stored)).as(path).doesNotContain(keyHex);
		});
		assertThat(this.transit.storage.raw()).containsKey("logical/" + this.transit.uuid + "/policy/k");
	}

	private io.coffer.secrets.kernel.VaultException readFailure(String path) {
		return org.assertj.core.api.Assertions.assertThatExceptionOfType(io.coffer.secrets.kernel.VaultException.class)
			.isThrownBy(() -> this.transit.read(path))
			.actual();
	}

}
