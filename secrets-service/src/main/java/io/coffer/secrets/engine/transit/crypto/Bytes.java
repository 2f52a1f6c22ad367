package io.coffer.secrets.engine.transit.crypto;

import java.util.Arrays;

/** Overwrites transient key material once it is no longer needed. */
public final class Bytes {

	private Bytes() {
	}

	public static void wipe(byte[]... arrays) {
		for (byte[] array : arrays) {
			if (array != null) {
				Arrays.fill(array, (byte) 0);
			}
		}
	}

}
