package io.coffer.gateway.web;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for {@code X-Coffer-Request-Id}, which nodes echo as Vault's
 * {@code request_id}.
 */
public class RequestIds {

	private final SecureRandom random;

	public RequestIds(SecureRandom random) {
		this.random = random;
	}

	public String next() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		long most = 0;
		long least = 0;
		for (int i = 0; i < 8; i++) {
			most = (most << 8) | (bytes[i] & 0xff);
			least = (least << 8) | (bytes[i + 8] & 0xff);
		}
		return new UUID(most, least).toString();
	}

}
