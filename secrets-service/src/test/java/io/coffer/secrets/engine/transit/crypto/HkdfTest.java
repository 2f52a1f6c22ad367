package io.coffer.secrets.engine.transit.crypto;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5869 appendix A test vectors for HKDF-SHA256. */
class HkdfTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void matchesRfc5869TestCase1() {
		byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
		byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
		byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

		assertThat(HEX.formatHex(Hkdf.extract(salt, ikm)))
			.isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
		assertThat(HEX.formatHex(Hkdf.derive(ikm, salt, info, 42)))
			.isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
	}

	@Test
	void matchesRfc5869TestCase3WithEmptySaltAndInfo() {
		byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");

		assertThat(HEX.formatHex(Hkdf.derive(ikm, new byte[0], new byte[0], 42)))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
	}

	@Test
	void shorterOutputIsAPrefixOfLongerOutput() {
		byte[] ikm = HEX.parseHex("00112233445566778899aabbccddeeff");
		byte[] info = "ctx".getBytes();

		assertThat(Hkdf.derive(ikm, null, info, 64)).startsWith(Hkdf.derive(ikm, null, info, 32));
	}

}
