package io.coffer.secrets.engine.transit;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

import static io.coffer.secrets.engine.transit.TransitFixture.map;
import static io.coffer.secrets.engine.transit.TransitFixture.mapOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeysPathTest {

	private final TransitFixture transit = new TransitFixture();

	@ParameterizedTest
	@ValueSource(strings = { "aes128-gcm96", "aes256-gcm96", "chacha20-poly1305", "hmac", "ed25519", "ecdsa-p256",
			"ecdsa-p384", "ecdsa-p521", "rsa-2048", "rsa-3072", "rsa-4096" })
	void everyKeyTypeCanBeCreatedReadAndRotated(String type) {
		Map<String, Object> created = this.transit.createKey("k", "type", type);
		assertThat(created).containsEntry("type", type).containsEntry("latest_version", 1);

		this.transit.advance(Duration.ofSeconds(10));
		Map<String, Object> rotated = this.transit.write("keys/k/rotate", Map.of()).data();
		assertThat(rotated).containsEntry("latest_version", 2);

		Map<String, Object> read = this.transit.read("keys/k").data();
		assertThat(read).containsEntry("name", "k").containsEntry("type", type).containsEntry("latest_version", 2);
		Map<String, Object> keys = map(read.get("keys"));
		assertThat(keys).containsOnlyKeys("1", "2");
		if (type.startsWith("aes") || type.startsWith("chacha") || type.equals("hmac")) {
			assertThat(keys).containsEntry("1", TransitFixture.START.getEpochSecond())
				.containsEntry("2", TransitFixture.START.getEpochSecond() + 10);
		}
		else {
			Map<String, Object> first = map(keys.get("1"));
			assertThat(first).containsOnlyKeys("name", "public_key", "creation_time")
				.containsEntry("creation_time", "2026-11-28T01:02:03Z");
			assertThat(map(keys.get("2")).get("public_key")).isNotEqualTo(first.get("public_key"));
			String publicKey = (String) first.get("public_key");
			if (type.equals("ed25519")) {
				assertThat(first).containsEntry("name", "ed25519");
				assertThat(Base64.getDecoder().decode(publicKey)).hasSize(32);
			}
			else {
				assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
				assertThat(first.get("name")).isEqualTo(switch (type) {
					case "ecdsa-p256" -> "P-256";
					case "ecdsa-p384" -> "P-384";
					case "ecdsa-p521" -> "P-521";
					default -> type;
				});
			}
		}
	}

	@Test
	void readReportsEveryFieldVaultDoes() {
		this.transit.createKey("k");

		Map<String, Object> read = this.transit.read("keys/k").data();

		assertThat(read).containsOnlyKeys("name", "type", "derived", "deletion_allowed", "min_available_version",
				"min_decryption_version", "min_encryption_version", "latest_version", "exportable",
				"allow_plaintext_backup", "supports_encryption", "supports_decryption", "supports_signing",
				"supports_derivation", "auto_rotate_period", "imported_key", "keys");
		assertThat(read).containsEntry("type", "aes256-gcm96")
			.containsEntry("derived", false)
			.containsEntry("deletion_allowed", false)
			.containsEntry("min_decryption_version", 1)
			.containsEntry("min_encryption_version", 0)
			.containsEntry("min_available_version", 0)
			.containsEntry("supports_encryption", true)
			.containsEntry("supports_signing", false)
			.containsEntry("supports_derivation", true)
			.containsEntry("auto_rotate_period", 0L);
	}

	@Test
	void derivedKeysReportTheirKdfAndConvergence() {
		Map<String, Object> created = this.transit.createKey("k", "derived", true, "convergent_encryption", "true");

		assertThat(created).containsEntry("derived", true)
			.containsEntry("kdf", "hkdf_sha256")
			.containsEntry("convergent_encryption", true)
			.containsEntry("convergent_encryption_version", 3);
	}

	@Test
	void creatingAnExistingKeyWarnsAndChangesNothing() {
		this.transit.createKey("k", "type", "aes128-gcm96");

		LogicalResponse again = this.transit.write("keys/k", mapOf("type", "ed25519"));

		assertThat(again.warnings()).containsExactly("key k already existed");
		assertThat(again.data()).containsEntry("type", "aes128-gcm96");
	}

	@Test
	void invalidCreationRequestsAre400() {
		assertThat(this.transit.failure("keys/k", mapOf("type", "des")).errors())
			.containsExactly("unknown key type des");
		assertThat(this.transit.failure("keys/k", mapOf("convergent_encryption", true)).errors())
			.containsExactly("convergent encryption requires derivation to be enabled");
		assertThat(this.transit.failure("keys/k", mapOf("type", "rsa-2048", "derived", true)).status()).isEqualTo(400);
		assertThat(this.transit.failure("keys/k", mapOf("key_size", 64)).errors())
			.containsExactly("key_size is not valid for algorithm aes256-gcm96");
		assertThat(this.transit.failure("keys/k", mapOf("type", "hmac", "key_size", 16)).errors())
			.containsExactly("invalid key_size 16");
		assertThat(this.transit.failure("keys/k", mapOf("auto_rotate_period", "30m")).errors())
			.containsExactly("auto rotate period must be 0 to disable or at least an hour");
		assertThat(this.transit.failure("keys/k", mapOf("type", "xchacha20-poly1305")).status()).isEqualTo(400);
	}

	@Test
	void emptyListIs404() {
		VaultException empty = assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.transit.call(Operation.LIST, "keys/", Map.of()))
			.actual();
		assertThat(empty.status()).isEqualTo(404);
		assertThat(empty.errors()).isEmpty();
	}

	@Test
	void hmacKeysHonourKeySize() {
		assertThat(this.transit.createKey("h", "type", "hmac", "key_size", 64)).containsEntry("key_size", 64);
		assertThat(this.transit.createKey("d", "type", "hmac")).containsEntry("key_size", 32);
	}

	@Test
	void readOfAMissingKeyIs404() {
		VaultException missing = assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.transit.read("keys/nope"))
			.actual();
		assertThat(missing.status()).isEqualTo(404);
	}

	@Test
	void listShowsKeyNames() {
		this.transit.createKey("b");
		this.transit.createKey("a");

		assertThat(this.transit.call(Operation.LIST, "keys/", Map.of()).data()).containsEntry("keys",
				List.of("a", "b"));
	}

	@Test
	void deleteNeedsDeletionAllowed() {
		this.transit.createKey("k");

		VaultException refused = assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> this.transit.call(Operation.DELETE, "keys/k", Map.of()))
			.actual();
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors())
			.containsExactly("error deleting policy k: deletion is not allowed for this policy");
		assertThat(this.transit.read("keys/k").data()).isNotNull();

		this.transit.write("keys/k/config", mapOf("deletion_allowed", true));
		assertThat(this.transit.call(Operation.DELETE, "keys/k", Map.of()).isEmpty()).isTrue();
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> this.transit.read("keys/k"));
	}

	@Test
	void configValidatesVersionBounds() {
		this.transit.createKey("k");
		this.transit.write("keys/k/rotate", Map.of());
		this.transit.write("keys/k/rotate", Map.of());

		assertThat(this.transit.failure("keys/k/config", mapOf("min_decryption_version", 4)).errors())
			.containsExactly("cannot set min decryption version of 4, latest key version is 3");
		assertThat(
				this.transit.failure("keys/k/config", mapOf("min_decryption_version", 3, "min_encryption_version", 2))
					.errors())
			.containsExactly(
					"cannot set min encryption/decryption values; min encryption version of 2 must be greater than or equal to min decryption version of 3");

		Map<String, Object> updated = this.transit
			.write("keys/k/config", mapOf("min_decryption_version", 2, "min_encryption_version", "3"))
			.data();
		assertThat(updated).containsEntry("min_decryption_version", 2).containsEntry("min_encryption_version", 3);
		assertThat(this.transit.failure("keys/nope/config", mapOf("deletion_allowed", true)).errors())
			.containsExactly("no existing key named nope could be found");
	}

	@Test
	void exportableCannotBeTurnedOff() {
		this.transit.createKey("k", "exportable", true);

		assertThat(this.transit.failure("keys/k/config", mapOf("exportable", false)).errors())
			.containsExactly("exportable key cannot be made non-exportable");
	}

	@Test
	void autoRotationHappensLazilyOnceThePeriodHasPassed() {
		this.transit.createKey("k", "auto_rotate_period", "1h");
		assertThat(this.transit.read("keys/k").data()).containsEntry("auto_rotate_period", 3600L);

		this.transit.advance(Duration.ofMinutes(59));
		assertThat(this.transit.encrypt("k", "a")).startsWith("vault:v1:");

		this.transit.advance(Duration.ofMinutes(2));
		String ciphertext = this.transit.encrypt("k", "b");
		assertThat(ciphertext).startsWith("vault:v2:");
		assertThat(this.transit.read("keys/k").data()).containsEntry("latest_version", 2);
	}

	@Test
	void autoRotatePeriodCanBeSetByConfig() {
		this.transit.createKey("k");
		this.transit.write("keys/k/config", mapOf("auto_rotate_period", 7200));

		this.transit.advance(Duration.ofHours(3));

		assertThat(this.transit.read("keys/k").data()).containsEntry("latest_version", 2)
			.containsEntry("auto_rotate_period", 7200L);
	}

	@Test
	void rotateOfAMissingKeyIs400() {
		assertThat(this.transit.failure("keys/nope/rotate", Map.of()).errors()).containsExactly("key not found");
	}

	@Test
	void invalidKeyNamesAreUnsupportedPaths() {
		assertThat(this.transit.failure("keys/-bad", Map.of()).status()).isEqualTo(404);
		assertThat(this.transit.failure("encrypt/a/b", Map.of()).status()).isEqualTo(404);
	}

}
