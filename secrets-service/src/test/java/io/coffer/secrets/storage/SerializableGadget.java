package io.coffer.secrets.storage;

import java.io.Serializable;

/**
 * Stands for a deserialization gadget on the classpath: serializable, but not a class
 * Coffer sends between cluster members. Counts its instantiations.
 */
public record SerializableGadget(String command) implements Serializable {

	public static volatile int instances;

	public SerializableGadget {
		instances++;
	}

}
