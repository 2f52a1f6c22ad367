package io.coffer.secrets.seal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Vault's generate-root encoding: the token's bytes XOR the OTP's ASCII bytes, as base64
 * without padding (Go's RawStdEncoding). The client decodes by reversing both steps
 * (SEAL.md shows how).
 */
final class OneTimePad {

	private OneTimePad() {
	}

	static String encode(String token, byte[] otp) {
		byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
		if (bytes.length != otp.length) {
			throw new IllegalArgumentException("token and OTP lengths differ");
		}
		try {
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] ^= otp[i];
			}
			return Base64.getEncoder().withoutPadding().encodeToString(bytes);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

}
