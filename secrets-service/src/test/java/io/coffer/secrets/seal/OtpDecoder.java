package io.coffer.secrets.seal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What a client does with generate-root's {@code encoded_token} (SEAL.md shows it). */
final class OtpDecoder {

	private OtpDecoder() {
	}

	static String decode(String encodedToken, String otp) {
		byte[] bytes = Base64.getDecoder().decode(encodedToken);
		byte[] pad = otp.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] ^= pad[i];
		}
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
