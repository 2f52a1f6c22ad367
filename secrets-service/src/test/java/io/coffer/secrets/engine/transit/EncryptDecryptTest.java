package io.coffer.secrets.engine.transit;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.transit.TransitFixture.b64;
import static io.coffer.secrets.engine.transit.TransitFixture.list;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EncryptDecryptTest {

	private final TransitFixture transit = new TransitFixture();

	@ParameterizedTest
	@ValueSource(strings = { "aes128-gcm96", "aes256-gcm96", "chacha20-poly1305", "rsa-2048" })
	void everyEncryptionTypeRoundTrips(String type) {
		this.transit.createKey("k", "type", type);

		String ciphertext = this.transit.encrypt("k", "attack at dawn");

		assertThat(ciphertext).startsWith("vault:v1:").doesNotContain(b64("attack at dawn"));
		assertThat(this.transit.decrypt("k", ciphertext)).isEqualTo("attack at dawn");
	}

	@Test
	void aeadCiphertextIsNonceThenCiphertextThenTag() {
		this.transit.createKey("k");

		String ciphertext = this.transit.encrypt("k", "0123456789");
		byte[] raw = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));

		assertThat(raw).hasSize(12 + 10 + 16);
		assertThat(this.transit.encrypt("k", "0123456789")).isNotEqualTo(ciphertext);
	}

	@Test
	void emptyPlaintextRoundTrips() {
		this.transit.createKey("k");

		assertThat(this.transit.decrypt("k", this.transit.encrypt("k", ""))).isEmpty();
	}

	@Test
	void encryptUpsertsAMissingKeyAsAes256() {
		LogicalResponse response = this.transit.write("encrypt/fresh", mapOf("plaintext", b64("x")));

		assertThat(response.data()).containsEntry("key_version", 1);
		assertThat(response.warnings()).isEmpty();
		assertThat(this.transit.read("keys/fresh").data()).containsEntry("type", "aes256-gcm96")
			.containsEntry("derived", false);
	}

	@Test
	void encryptWithoutCreateCapabilityDoesNotUpsert() {
		VaultException missing = assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.transit.call(Operation.UPDATE, "encrypt/fresh", mapOf("plaintext", b64("x"))))
			.actual();

		assertThat(missing.errors()).containsExactly("encryption key not found");
		assertThat(this.transit.engine
			.exists(new LogicalRequest(Operation.UPDATE, "encrypt/fresh", Map.of(), this.transit.mount, "r")))
			.isFalse();
	}

	@Test
	void decryptWithAMissingKeyIs400() {
		VaultException missing = this.transit.failure("decrypt/nope", mapOf("ciphertext", "vault:v1:AAAA"));

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.errors()).containsExactly("encryption key not found");
	}

	@Test
	void oldCiphertextStillDecryptsAfterRotation() {
		this.transit.createKey("k");
		String v1 = this.transit.encrypt("k", "one");

		this.transit.write("keys/k/rotate", Map.of());
		String v2 = this.transit.encrypt("k", "two");

		assertThat(v2).startsWith("vault:v2:");
		assertThat(this.transit.decrypt("k", v1)).isEqualTo("one");
		assertThat(this.transit.decrypt("k", v2)).isEqualTo("two");
		assertThat(this.transit.encrypt("k", "old", "key_version", 1)).startsWith("vault:v1:");
	}

	@Test
	void rewrapMovesCiphertextToTheLatestVersion() {
		this.transit.createKey("k");
		String v1 = this.transit.encrypt("k", "secret");
		this.transit.write("keys/k/rotate", Map.of());
		this.transit.write("keys/k/rotate", Map.of());

		Map<String, Object> rewrapped = this.transit.write("rewrap/k", mapOf("ciphertext", v1)).data();

		assertThat(rewrapped).containsEntry("key_version", 3);
		assertThat((String) rewrapped.get("ciphertext")).startsWith("vault:v3:");
		assertThat(this.transit.decrypt("k", (String) rewrapped.get("ciphertext"))).isEqualTo("secret");
	}

	@Test
	void minDecryptionVersionRefusesOlderCiphertext() {
		this.transit.createKey("k");
		String v1 = this.transit.encrypt("k", "old");
		this.transit.write("keys/k/rotate", Map.of());
		this.transit.write("keys/k/config", mapOf("min_decryption_version", 2));

		VaultException refused = this.transit.failure("decrypt/k", mapOf("ciphertext", v1));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors())
			.containsExactly("ciphertext or signature version is disallowed by policy (too old)");
	}

	@Test
	void minEncryptionVersionRefusesOlderVersions() {
		this.transit.createKey("k");
		this.transit.write("keys/k/rotate", Map.of());
		this.transit.write("keys/k/config", mapOf("min_encryption_version", 2));

		assertThat(this.transit.failure("encrypt/k", mapOf("plaintext", b64("x"), "key_version", 1)).errors())
			.containsExactly("requested version for encryption is less than the minimum encryption key version");
		assertThat(this.transit.failure("encrypt/k", mapOf("plaintext", b64("x"), "key_version", 3)).errors())
			.containsExactly("requested version for encryption is higher than the latest key version");
	}

	@Test
	void derivedKeyNeedsContextAndAnotherContextFails() {
		this.transit.createKey("d", "derived", true);

		assertThat(this.transit.failure("encrypt/d", mapOf("plaintext", b64("x"))).errors().get(0))
			.startsWith("missing 'context' for key derivation");

		String ciphertext = this.transit.encrypt("d", "per-tenant", "context", b64("tenant-1"));
		assertThat(this.transit.decrypt("d", ciphertext, "context", b64("tenant-1"))).isEqualTo("per-tenant");

		VaultException other = this.transit.failure("decrypt/d",
				mapOf("ciphertext", ciphertext, "context", b64("tenant-2")));
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.errors()).containsExactly("cipher: message authentication failed");
	}

	@Test
	void encryptWithContextUpsertsADerivedKey() {
		this.transit.encrypt("fresh", "x", "context", b64("c"));

		assertThat(this.transit.read("keys/fresh").data()).containsEntry("derived", true);
	}

	@Test
	void convergentEncryptionIsDeterministicPerContext() {
		this.transit.createKey("c", "derived", true, "convergent_encryption", true);

		String first = this.transit.encrypt("c", "same", "context", b64("ctx"));
		String second = this.transit.encrypt("c", "same", "context", b64("ctx"));
		String otherContext = this.transit.encrypt("c", "same", "context", b64("other"));

		assertThat(second).isEqualTo(first);
		assertThat(otherContext).isNotEqualTo(first);
		assertThat(this.transit.decrypt("c", first, "context", b64("ctx"))).isEqualTo("same");
	}

	@Test
	void associatedDataMustMatch() {
		this.transit.createKey("k");
		String ciphertext = this.transit.encrypt("k", "x", "associated_data", b64("header"));

		assertThat(this.transit.decrypt("k", ciphertext, "associated_data", b64("header"))).isEqualTo("x");
		assertThat(this.transit.failure("decrypt/k", mapOf("ciphertext", ciphertext)).errors())
			.containsExactly("cipher: message authentication failed");
	}

	@Test
	void tamperedCiphertextIsRejectedWithoutDetail() {
		this.transit.createKey("k");
		String ciphertext = this.transit.encrypt("k", "do not change me");
		byte[] raw = Base64.getDecoder().decode(ciphertext.substring("vault:v1:".length()));
		raw[15] ^= 1;
		String tampered = "vault:v1:" + Base64.getEncoder().encodeToString(raw);

		VaultException rejected = this.transit.failure("decrypt/k", mapOf("ciphertext", tampered));

		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.errors()).containsExactly("cipher: message authentication failed");
		assertThat(rejected.getMessage()).doesNotContain(tampered.substring(9));
	}

	@Test
	void ciphertextOfAnotherKeyIsRejected() {
		this.transit.createKey("a");
		this.transit.createKey("b");

		VaultException rejected = this.transit.failure("decrypt/b",
				mapOf("ciphertext", this.transit.encrypt("a", "x")));

		assertThat(rejected.errors()).containsExactly("cipher: message authentication failed");
	}

	@Test
	void malformedInputsAre400() {
		this.transit.createKey("k");

		assertThat(this.transit.failure("encrypt/k", mapOf("plaintext", "not base64!")).status()).isEqualTo(400);
		assertThat(this.transit.failure("encrypt/k", Map.of()).errors())
			.containsExactly("missing plaintext to encrypt");
		assertThat(this.transit.failure("decrypt/k", mapOf("ciphertext", "v1:abc")).errors())
			.containsExactly("invalid ciphertext: no prefix");
		assertThat(this.transit.failure("decrypt/k", mapOf("ciphertext", "vault:v9:AAAA")).errors())
			.containsExactly("invalid ciphertext: version is too new");
		assertThat(this.transit.failure("decrypt/k", mapOf("ciphertext", "vault:vX:AAAA")).errors())
			.containsExactly("invalid ciphertext: version number could not be decoded");
		assertThat(this.transit.failure("decrypt/k", mapOf("ciphertext", "vault:v1:%%%")).errors())
			.containsExactly("invalid ciphertext: could not decode base64");
	}

	@Test
	void batchReportsPerItemErrorsAndAnswers400() {
		this.transit.createKey("k");

		LogicalResponse response = this.transit.write("encrypt/k", mapOf("batch_input", List
			.of(mapOf("plaintext", b64("good"), "reference", "r1"), mapOf("plaintext", "!!bad!!", "reference", "r2"))));

		assertThat(response.status()).isEqualTo(400);
		List<Map<String, Object>> results = list(response.data().get("batch_results"));
		assertThat(results).hasSize(2);
		assertThat(results.get(0)).containsEntry("reference", "r1").containsEntry("key_version", 1);
		assertThat(results.get(0)).doesNotContainKey("error");
		assertThat(results.get(1)).containsEntry("reference", "r2")
			.containsKey("error")
			.doesNotContainKey("ciphertext");

		LogicalResponse decrypted = this.transit.write("decrypt/k",
				mapOf("batch_input", List.of(mapOf("ciphertext", results.get(0).get("ciphertext")))));
		assertThat(decrypted.status()).isZero();
		assertThat(list(decrypted.data().get("batch_results")).get(0)).containsEntry("plaintext", b64("good"))
			.containsEntry("reference", "");
	}

	@Test
	void partialFailureResponseCodeReplaces400WhenSomeItemsSucceeded() {
		this.transit.createKey("k");
		List<Map<String, Object>> mixed = List.of(mapOf("plaintext", b64("good")), mapOf("plaintext", "!!bad!!"));
		List<Map<String, Object>> allBad = List.of(mapOf("plaintext", "!!bad!!"));

		assertThat(this.transit.write("encrypt/k", mapOf("batch_input", mixed, "partial_failure_response_code", 207))
			.status()).isEqualTo(207);
		assertThat(this.transit.write("encrypt/k", mapOf("batch_input", allBad, "partial_failure_response_code", 207))
			.status()).isEqualTo(400);
	}

	@Test
	void batchContextMustBeAllOrNothing() {
		this.transit.createKey("d", "derived", true);

		assertThat(this.transit
			.failure("encrypt/d",
					mapOf("batch_input",
							List.of(mapOf("plaintext", b64("a"), "context", b64("c")), mapOf("plaintext", b64("b")))))
			.errors()).containsExactly("context should be set either in all the request blocks or in none");
	}

	@Test
	void datakeyReturnsAKeyWrappedByTheNamedKey() {
		this.transit.createKey("k");

		Map<String, Object> plain = this.transit.write("datakey/plaintext/k", mapOf("bits", 512)).data();
		byte[] dataKey = Base64.getDecoder().decode((String) plain.get("plaintext"));
		assertThat(dataKey).hasSize(64);
		String unwrapped = (String) this.transit.write("decrypt/k", mapOf("ciphertext", plain.get("ciphertext")))
			.data()
			.get("plaintext");
		assertThat(Base64.getDecoder().decode(unwrapped)).isEqualTo(dataKey);

		Map<String, Object> wrapped = this.transit.write("datakey/wrapped/k", Map.of()).data();
		assertThat(wrapped).containsOnlyKeys("ciphertext", "key_version");
		assertThat(this.transit.failure("datakey/wrapped/k", mapOf("bits", 100)).errors())
			.containsExactly("invalid bits length");
		assertThat(this.transit.failure("datakey/other/k", Map.of()).status()).isEqualTo(400);
	}

	@Test
	void encryptionNeedsAnEncryptionKeyType() {
		this.transit.createKey("s", "type", "ed25519");

		assertThat(this.transit.failure("encrypt/s", mapOf("plaintext", b64("x"))).errors())
			.containsExactly("message encryption not supported for key type ed25519");
	}

}
