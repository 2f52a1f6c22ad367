package io.coffer.secrets.seal;

import java.util.HexFormat;
import java.util.List;

import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generate-root and rekey with Shamir unseal keys, on an unsealed node. */
class ShamirRootAndRekeyTest {

	private final InMemoryStorage storage = new InMemoryStorage();

	private TestNode node;

	private InitResult init;

	@BeforeEach
	void initAndUnseal() {
		this.node = TestNode.start(this.storage, ConfiguredSeal.shamir());
		this.init = this.node.seal().init(5, 3);
		this.init.keys().subList(0, 3).forEach((key) -> this.node.seal().unseal(key, false));
		assertThat(this.node.seal().isSealed()).isFalse();
	}

	@Test
	void aQuorumOfUnsealKeysGeneratesAWorkingRootToken() {
		GenerateRootStatus started = this.node.generateRoot().start(null, null);
		assertThat(started.otp()).matches("[0-9A-Za-z]{28}");
		assertThat(started.otpLength()).isEqualTo(28);
		assertThat(started.required()).isEqualTo(3);
		assertThat(this.node.generateRoot().status().otp()).as("the OTP is shown once").isEmpty();

		this.node.generateRoot().update(this.init.keys().get(4), started.nonce());
		GenerateRootStatus second = this.node.generateRoot().update(this.init.keysBase64().get(1), started.nonce());
		assertThat(second.progress()).isEqualTo(2);
		assertThat(second.complete()).isFalse();
		GenerateRootStatus done = this.node.generateRoot().update(this.init.keys().get(2), started.nonce());

		assertThat(done.complete()).isTrue();
		assertThat(done.encodedToken()).isEqualTo(done.encodedRootToken()).doesNotContain("=");
		String token = OtpDecoder.decode(done.encodedToken(), started.otp());
		assertThat(token).matches("hvs\\.[0-9A-Za-z]{24}").isNotEqualTo(this.init.rootToken());
		assertThat(this.node.isRoot(token)).isTrue();
		assertThat(this.node.isRoot(this.init.rootToken())).as("the old root token still works").isTrue();
		assertThat(this.node.generateRoot().status().started()).isFalse();
	}

	@Test
	void aClientOtpIsUsedAndMustBe28Characters() {
		assertThatThrownBy(() -> this.node.generateRoot().start("tooShort", null))
			.hasMessage("OTP string has incorrect length");
		assertThatThrownBy(() -> this.node.generateRoot().start(null, "-----BEGIN PGP PUBLIC KEY BLOCK-----"))
			.hasMessageContaining("PGP");
		String otp = "abcdefghijABCDEFGHIJ01234567";
		GenerateRootStatus started = this.node.generateRoot().start(otp, null);
		assertThat(started.otp()).isEmpty();
		assertThatThrownBy(() -> this.node.generateRoot().start(null, null))
			.hasMessage("root generation already in progress");

		GenerateRootStatus done = null;
		for (String key : this.init.keys().subList(0, 3)) {
			done = this.node.generateRoot().update(key, started.nonce());
		}
		assertThat(this.node.isRoot(OtpDecoder.decode(done.encodedToken(), otp))).isTrue();
	}

	@Test
	void aWrongNonceOrARepeatedKeyIsRefused() {
		GenerateRootStatus started = this.node.generateRoot().start(null, null);
		this.node.generateRoot().update(this.init.keys().get(0), started.nonce());

		assertThatThrownBy(() -> this.node.generateRoot().update(this.init.keys().get(1), "not-the-nonce"))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400))
			.hasMessageStartingWith("incorrect nonce supplied");
		assertThatThrownBy(() -> this.node.generateRoot().update(this.init.keysBase64().get(0), started.nonce()))
			.hasMessageContaining("already been provided");
		assertThat(this.node.generateRoot().status().progress()).isEqualTo(1);
	}

	@Test
	void aWrongKeyAtThresholdFailsAndResetsProgress() {
		GenerateRootStatus started = this.node.generateRoot().start(null, null);
		byte[] corrupted = HexFormat.of().parseHex(this.init.keys().get(2));
		corrupted[3] ^= 0x01;
		this.node.generateRoot().update(this.init.keys().get(0), started.nonce());
		this.node.generateRoot().update(this.init.keys().get(1), started.nonce());

		assertThatThrownBy(() -> this.node.generateRoot().update(HexFormat.of().formatHex(corrupted), started.nonce()))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(400))
			.hasMessageContaining("root generation aborted");

		GenerateRootStatus after = this.node.generateRoot().status();
		assertThat(after.progress()).isZero();
		assertThat(after.started()).isTrue();
		assertThat(after.nonce()).isEqualTo(started.nonce());
	}

	@Test
	void generateRootNeedsAnUnsealedNode() {
		this.node.seal().seal();

		assertThatThrownBy(() -> this.node.generateRoot().start(null, null))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(503));
	}

	@Test
	void rekeyFiveOfThreeToThreeOfTwoThenOnlyTheNewKeysUnseal() {
		RekeyStatus started = this.node.rekey().start(false, 3, 2);
		assertThat(started.started()).isTrue();
		assertThat(started.t()).isEqualTo(2);
		assertThat(started.n()).isEqualTo(3);
		assertThat(started.required()).isEqualTo(3);
		this.node.rekey().update(false, this.init.keys().get(0), started.nonce());
		assertThat(this.node.rekey().update(false, this.init.keys().get(3), started.nonce()))
			.isInstanceOfSatisfying(RekeyStatus.class, (status) -> assertThat(status.progress()).isEqualTo(2));
		RekeyResult result = (RekeyResult) this.node.rekey().update(false, this.init.keys().get(4), started.nonce());

		assertThat(result.complete()).isTrue();
		assertThat(result.keys()).hasSize(3).doesNotContainAnyElementsOf(this.init.keys());
		assertThat(this.node.rekey().status(false).started()).isFalse();
		this.node.seal().seal();
		assertThat(this.node.seal().status().t()).isEqualTo(2);
		assertThat(this.node.seal().status().n()).isEqualTo(3);

		TestNode restarted = TestNode.start(this.storage, ConfiguredSeal.shamir());
		restarted.seal().unseal(this.init.keys().get(0), false);
		assertThatThrownBy(() -> restarted.seal().unseal(this.init.keys().get(1), false))
			.as("an old key has the wrong length or fails")
			.isInstanceOf(VaultException.class);
		restarted.seal().unseal(null, true);
		restarted.seal().unseal(result.keys().get(2), false);
		assertThat(restarted.seal().unseal(result.keysBase64().get(0), false).sealed()).isFalse();
		assertThat(restarted.isRoot(this.init.rootToken())).isTrue();
	}

	@Test
	void aWrongKeyAtThresholdLeavesTheUnsealKeysUnchanged() {
		RekeyStatus started = this.node.rekey().start(false, 3, 2);
		byte[] corrupted = HexFormat.of().parseHex(this.init.keys().get(2));
		corrupted[0] ^= 0x01;
		this.node.rekey().update(false, this.init.keys().get(0), started.nonce());
		this.node.rekey().update(false, this.init.keys().get(1), started.nonce());

		assertThatThrownBy(() -> this.node.rekey().update(false, HexFormat.of().formatHex(corrupted), started.nonce()))
			.hasMessageContaining("rekey aborted");

		assertThat(this.node.rekey().status(false).progress()).isZero();
		this.node.seal().seal();
		List.of(0, 1, 2).forEach((i) -> this.node.seal().unseal(this.init.keys().get(i), false));
		assertThat(this.node.seal().isSealed()).isFalse();
	}

	@Test
	void unsupportedRekeysAreRefused() {
		assertThatThrownBy(() -> this.node.rekey().start(true, 3, 2)).hasMessageContaining("shamir seal");
		assertThatThrownBy(() -> this.node.rekey().start(false, 3, 1)).hasMessageContaining("threshold");
		assertThatThrownBy(() -> this.node.rekey().update(false, this.init.keys().get(0), "x"))
			.hasMessage("no rekey in progress");
	}

}
