package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static io.coffer.secrets.engine.transit.TransitFixture.b64;
import static io.coffer.secrets.engine.transit.TransitFixture.map;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;

class HmacHashRandomTest {

	private final TransitFixture transit = new TransitFixture();

	@Test
	void hmacUsesTheSeparateHmacKeyOfTheVersion() throws Exception {
		this.transit.createKey("k", "exportable", true);

		String hmac = (String) this.transit.write("hmac/k", mapOf("input", b64("data"))).data().get("hmac");

		byte[] hmacKey = Base64.getDecoder()
			.decode((String) map(this.transit.read("export/hmac-key/k").data().get("keys")).get("1"));
		byte[] encryptionKey = Base64.getDecoder()
			.decode((String) map(this.transit.read("export/encryption-key/k").data().get("keys")).get("1"));
		assertThat(hmacKey).isNotEqualTo(encryptionKey);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
		assertThat(hmac).isEqualTo("vault:v1:" + Base64.getEncoder().encodeToString(mac.doFinal("data".getBytes())));
	}

	@Test
	void hmacKeyTypeAndAlgorithmInThePath() throws Exception {
		this.transit.createKey("h", "type", "hmac", "exportable", true);

		String hmac = (String) this.transit.write("hmac/h/sha2-512", mapOf("input", b64("data"))).data().get("hmac");

		byte[] key = Base64.getDecoder()
			.decode((String) map(this.transit.read("export/hmac-key/h").data().get("keys")).get("1"));
		Mac mac = Mac.getInstance("HmacSHA512");
		mac.init(new SecretKeySpec(key, "HmacSHA512"));
		assertThat(hmac).isEqualTo("vault:v1:" + Base64.getEncoder().encodeToString(mac.doFinal("data".getBytes())));
	}

	@Test
	void hmacVerifiesAndDetectsChanges() {
		this.transit.createKey("k");
		String hmac = (String) this.transit.write("hmac/k", mapOf("input", b64("data"), "algorithm", "sha3-256"))
			.data()
			.get("hmac");

		assertThat(this.transit.write("verify/k/sha3-256", mapOf("input", b64("data"), "hmac", hmac)).data())
			.containsEntry("valid", true);
		assertThat(this.transit.write("verify/k/sha3-256", mapOf("input", b64("date"), "hmac", hmac)).data())
			.containsEntry("valid", false);
		assertThat(this.transit.write("verify/k", mapOf("input", b64("data"), "hmac", hmac)).data())
			.containsEntry("valid", false);

		this.transit.write("keys/k/rotate", Map.of());
		assertThat(this.transit.write("verify/k/sha3-256", mapOf("input", b64("data"), "hmac", hmac)).data())
			.containsEntry("valid", true);
		assertThat((String) this.transit.write("hmac/k", mapOf("input", b64("data"))).data().get("hmac"))
			.startsWith("vault:v2:");
	}

	@Test
	void hmacRejectsUnknownAlgorithmsAndMissingKeys() {
		this.transit.createKey("k");

		assertThat(this.transit.failure("hmac/k/md5", mapOf("input", b64("x"))).errors())
			.containsExactly("unsupported algorithm md5");
		assertThat(this.transit.failure("hmac/nope", mapOf("input", b64("x"))).errors())
			.containsExactly("encryption key not found");
	}

	@Test
	void hashMatchesKnownSha256Vectors() {
		assertThat(this.transit.write("hash", mapOf("input", "")).data()).containsEntry("sum",
				"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(this.transit.write("hash/sha2-256", mapOf("input", b64("abc"))).data()).containsEntry("sum",
				"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(this.transit.write("hash", mapOf("input", b64("abc"), "format", "base64")).data())
			.containsEntry("sum", Base64.getEncoder()
				.encodeToString(
						HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
		assertThat(this.transit.write("hash", mapOf("input", b64("abc"), "algorithm", "sha3-256")).data())
			.containsEntry("sum", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
	}

	@Test
	void hashRejectsUnknownAlgorithmsAndFormats() {
		assertThat(this.transit.failure("hash/md5", mapOf("input", b64("x"))).errors())
			.containsExactly("unsupported algorithm md5");
		assertThat(this.transit.failure("hash", mapOf("input", b64("x"), "format", "binary")).errors())
			.containsExactly("unsupported encoding format \"binary\"; must be \"hex\" or \"base64\"");
	}

	@Test
	void randomHonoursLengthAndFormat() {
		String standard = (String) this.transit.write("random", Map.of()).data().get("random_bytes");
		assertThat(Base64.getDecoder().decode(standard)).hasSize(32);
		String wide = (String) this.transit.write("random/64", Map.of()).data().get("random_bytes");
		assertThat(Base64.getDecoder().decode(wide)).hasSize(64);
		String hex = (String) this.transit.write("random/16/hex", Map.of()).data().get("random_bytes");
		assertThat(hex).hasSize(32).matches("[0-9a-f]+");
		String body = (String) this.transit.write("random/platform", mapOf("bytes", 8, "format", "hex"))
			.data()
			.get("random_bytes");
		assertThat(body).hasSize(16);
		assertThat(this.transit.write("random", Map.of()).data().get("random_bytes")).isNotEqualTo(standard);
	}

	@Test
	void randomRejectsBadLengths() {
		assertThat(this.transit.failure("random/0", Map.of()).errors())
			.containsExactly("\"bytes\" cannot be less than 1");
		assertThat(this.transit.failure("random", mapOf("bytes", 200_000)).status()).isEqualTo(400);
	}

}
