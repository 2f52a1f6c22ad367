package io.coffer.secrets.engine.transit;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.coffer.secrets.engine.transit.crypto.HashAlgorithm;
import io.coffer.secrets.engine.transit.crypto.Pem;
import io.coffer.secrets.kernel.LogicalResponse;

import static io.coffer.secrets.engine.transit.TransitFixture.b64;
import static io.coffer.secrets.engine.transit.TransitFixture.list;
import static io.coffer.secrets.engine.transit.TransitFixture.map;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class SignVerifyTest {

	private final TransitFixture transit = new TransitFixture();

	@ParameterizedTest
	@CsvSource({ "ed25519,", "ecdsa-p256,", "ecdsa-p384,", "ecdsa-p521,", "rsa-2048,pss", "rsa-2048,pkcs1v15",
			"rsa-3072,pss" })
	void signaturesVerifyAndTamperedInputDoesNot(String type, String scheme) {
		this.transit.createKey("s", "type", type);
		Map<String, Object> options = mapOf("input", b64("a message"));
		if (scheme != null) {
			options.put("signature_algorithm", scheme);
		}

		Map<String, Object> signed = this.transit.write("sign/s", options).data();
		String signature = (String) signed.get("signature");
		assertThat(signature).startsWith("vault:v1:");
		assertThat(signed).containsEntry("key_version", 1);

		options.put("signature", signature);
		assertThat(this.transit.write("verify/s", options).data()).containsEntry("valid", true);
		options.put("input", b64("another message"));
		assertThat(this.transit.write("verify/s", options).data()).containsEntry("valid", false);
	}

	@Test
	void ecdsaSignatureVerifiesWithTheJdkAndThePublishedKey() throws Exception {
		this.transit.createKey("s", "type", "ecdsa-p256");
		String signature = (String) this.transit.write("sign/s/sha2-384", mapOf("input", b64("interop")))
			.data()
			.get("signature");
		String pem = (String) map(map(this.transit.read("keys/s").data().get("keys")).get("1")).get("public_key");

		Signature jdk = Signature.getInstance("SHA384withECDSA");
		jdk.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Pem.decode(pem))));
		jdk.update("interop".getBytes());
		assertThat(jdk.verify(Base64.getDecoder().decode(signature.substring("vault:v1:".length())))).isTrue();
	}

	@Test
	void jwsMarshalingGivesFixedWidthRAndS() {
		this.transit.createKey("s", "type", "ecdsa-p256");

		String signature = (String) this.transit
			.write("sign/s", mapOf("input", b64("jws"), "marshaling_algorithm", "jws"))
			.data()
			.get("signature");

		assertThat(Base64.getUrlDecoder().decode(signature.substring("vault:v1:".length()))).hasSize(64);
		assertThat(this.transit
			.write("verify/s", mapOf("input", b64("jws"), "signature", signature, "marshaling_algorithm", "jws"))
			.data()).containsEntry("valid", true);
	}

	@Test
	void prehashedInputVerifiesAgainstTheUnhashedMessage() {
		this.transit.createKey("s", "type", "rsa-2048");
		byte[] digest = HashAlgorithm.SHA2_256.digest("payload".getBytes());

		String signature = (String) this.transit
			.write("sign/s", mapOf("input", Base64.getEncoder().encodeToString(digest), "prehashed", true))
			.data()
			.get("signature");

		assertThat(this.transit.write("verify/s", mapOf("input", b64("payload"), "signature", signature)).data())
			.containsEntry("valid", true);
	}

	@Test
	void hashNoneNeedsPrehashedPkcs1() {
		this.transit.createKey("s", "type", "rsa-2048");

		assertThat(this.transit.failure("sign/s", mapOf("input", b64("x"), "hash_algorithm", "none")).errors())
			.containsExactly("hash_algorithm=none requires both prehashed=true and signature_algorithm=pkcs1v15");
		Map<String, Object> raw = mapOf("input", b64("raw"), "hash_algorithm", "none", "prehashed", true,
				"signature_algorithm", "pkcs1v15");
		raw.put("signature", this.transit.write("sign/s", raw).data().get("signature"));
		assertThat(this.transit.write("verify/s", raw).data()).containsEntry("valid", true);
	}

	@Test
	void pssSaltLengthHashIsVerifiedByAuto() {
		this.transit.createKey("s", "type", "rsa-2048");

		String signature = (String) this.transit.write("sign/s", mapOf("input", b64("x"), "salt_length", "hash"))
			.data()
			.get("signature");

		assertThat(this.transit.write("verify/s", mapOf("input", b64("x"), "signature", signature)).data())
			.containsEntry("valid", true);
		assertThat(this.transit.failure("sign/s", mapOf("input", b64("x"), "salt_length", "1000")).errors())
			.containsExactly("requested salt length 1000 is invalid");
	}

	@Test
	void derivedEd25519SignsPerContext() {
		this.transit.createKey("d", "type", "ed25519", "derived", true);

		Map<String, Object> signed = this.transit.write("sign/d", mapOf("input", b64("m"), "context", b64("alice")))
			.data();
		String publicKey = (String) signed.get("public_key");
		assertThat(Base64.getDecoder().decode(publicKey)).hasSize(32);
		Map<String, Object> read = this.transit
			.call(io.coffer.secrets.kernel.Operation.READ, "keys/d", mapOf("context", b64("alice")))
			.data();
		assertThat(map(map(read.get("keys")).get("1"))).containsEntry("public_key", publicKey);

		Map<String, Object> verify = mapOf("input", b64("m"), "signature", signed.get("signature"), "context",
				b64("alice"));
		assertThat(this.transit.write("verify/d", verify).data()).containsEntry("valid", true);
		verify.put("context", b64("bob"));
		assertThat(this.transit.write("verify/d", verify).data()).containsEntry("valid", false);
		assertThat(this.transit.failure("sign/d", mapOf("input", b64("m"))).errors().get(0))
			.startsWith("missing 'context' for key derivation");
	}

	@Test
	void signaturesOfOldVersionsAreRefusedAfterMinDecryptionVersion() {
		this.transit.createKey("s", "type", "ed25519");
		String old = (String) this.transit.write("sign/s", mapOf("input", b64("x"))).data().get("signature");
		this.transit.write("keys/s/rotate", Map.of());
		this.transit.write("keys/s/config", mapOf("min_decryption_version", 2));

		assertThat(this.transit.failure("verify/s", mapOf("input", b64("x"), "signature", old)).errors())
			.containsExactly("ciphertext or signature version is disallowed by policy (too old)");
	}

	@Test
	void batchSignAndVerifyEchoReferences() {
		this.transit.createKey("s", "type", "ecdsa-p384");

		LogicalResponse signed = this.transit.write("sign/s",
				mapOf("batch_input", List.of(mapOf("input", b64("a"), "reference", "x"), mapOf("input", b64("b")))));
		List<Map<String, Object>> signatures = list(signed.data().get("batch_results"));
		assertThat(signatures).extracting((item) -> item.get("reference")).containsExactly("x", "");

		LogicalResponse verified = this.transit.write("verify/s",
				mapOf("batch_input", List.of(mapOf("input", b64("a"), "signature", signatures.get(0).get("signature")),
						mapOf("input", b64("a"), "signature", signatures.get(1).get("signature")))));
		assertThat(list(verified.data().get("batch_results"))).extracting((item) -> item.get("valid"))
			.containsExactly(true, false);
	}

	@Test
	void signingNeedsASigningKey() {
		this.transit.createKey("k");

		assertThat(this.transit.failure("sign/k", mapOf("input", b64("x"))).errors())
			.containsExactly("key type aes256-gcm96 does not support signing");
		assertThat(this.transit.failure("sign/nope", mapOf("input", b64("x"))).errors())
			.containsExactly("signing key not found");
		assertThat(this.transit.failure("verify/k", mapOf("input", b64("x"))).errors())
			.containsExactly("neither a 'signature' nor an 'hmac' were given to verify");
	}

}
