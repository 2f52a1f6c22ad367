package io.coffer.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferClusterExtension;
import io.coffer.testsupport.http.VaultReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.Hmac;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.Signature;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultTransitKeyConfiguration;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Spring Vault's {@code VaultTransitTemplate}, unchanged, against the gateway. */
class SpringVaultTransitIT {

	@RegisterExtension
	static final CofferClusterExtension coffer = CofferClusterExtension.shared();

	private static VaultTransitOperations transit;

	@BeforeAll
	static void mount() {
		VaultTemplate vault = coffer.cluster().vaultTemplate();
		vault.opsForSys().mount("transit-it", VaultMount.create("transit"));
		transit = vault.opsForTransit("transit-it");
	}

	@Test
	void encryptDecryptAndOldCiphertextStillDecryptsAfterRotation() {
		transit.createKey("orders");
		String before = transit.encrypt("orders", "card 4111");
		assertThat(before).startsWith("vault:v1:");

		transit.rotate("orders");
		String after = transit.encrypt("orders", "card 4111");

		assertThat(after).startsWith("vault:v2:");
		assertThat(transit.decrypt("orders", before)).isEqualTo("card 4111");
		assertThat(transit.decrypt("orders", after)).isEqualTo("card 4111");
		assertThat(transit.rewrap("orders", before)).startsWith("vault:v2:");
	}

	@Test
	void minDecryptionVersionRefusesOldCiphertext() {
		transit.createKey("strict");
		String old = transit.encrypt("strict", "v1 data");
		transit.rotate("strict");
		transit.configureKey("strict", VaultTransitKeyConfiguration.builder().minDecryptionVersion(2).build());

		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> transit.decrypt("strict", old))
			.withMessageContaining("too old");
	}

	@Test
	void batchWithOneBadItemFailsAsVaultDoesAndReportsEachItem() {
		transit.createKey("batch");
		Ciphertext good = transit.encrypt("batch", Plaintext.of("fine"));
		Ciphertext bad = Ciphertext.of("vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

		// Vault answers 400 when any item fails, so Spring Vault's batch call throws, as
		// it does against Vault.
		assertThatExceptionOfType(VaultException.class).isThrownBy(() -> transit.decrypt("batch", List.of(good, bad)))
			.withMessageContaining("400");
		VaultReply partial = coffer.cluster()
			.http()
			.post("transit-it/decrypt/batch",
					Map.of("batch_input",
							List.of(Map.of("ciphertext", good.getCiphertext()),
									Map.of("ciphertext", bad.getCiphertext())),
							"partial_failure_response_code", 207),
					coffer.cluster().rootToken());

		assertThat(partial.status()).isEqualTo(207);
		assertThat(partial.json().at("/data/batch_results/0/plaintext").asString())
			.isEqualTo(java.util.Base64.getEncoder().encodeToString("fine".getBytes(StandardCharsets.UTF_8)));
		assertThat(partial.json().at("/data/batch_results/1/error").asString()).isNotBlank();
	}

	@Test
	void signAndVerifyWithAnEd25519Key() {
		transit.createKey("signer", VaultTransitKeyCreationRequest.ofKeyType("ed25519"));
		Plaintext message = Plaintext.of("release 1.0".getBytes(StandardCharsets.UTF_8));

		Signature signature = transit.sign("signer", message);

		assertThat(transit.verify("signer", message, signature)).isTrue();
		assertThat(transit.verify("signer", Plaintext.of("release 1.1"), signature)).isFalse();
	}

	@Test
	void hmacIsStableForTheSameInputAndKeyVersion() {
		transit.createKey("mac");
		Hmac first = transit.getHmac("mac", Plaintext.of("payload"));
		Hmac second = transit.getHmac("mac", Plaintext.of("payload"));

		assertThat(first.getHmac()).startsWith("vault:v1:").isEqualTo(second.getHmac());
	}

	@Test
	void tamperedCiphertextIsABadRequestThatRevealsNothing() {
		transit.createKey("tamper");
		String ciphertext = transit.encrypt("tamper", "secret");
		String tampered = ciphertext.substring(0, ciphertext.length() - 4) + "AAAA";

		VaultReply reply = coffer.cluster()
			.http()
			.post("transit-it/decrypt/tamper", Map.of("ciphertext", tampered), coffer.cluster().rootToken());

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body()).doesNotContain("secret");
	}

}
