package io.coffer.secrets.barrier;

/** The barrier is sealed: nothing behind it can be read or written. */
public class SealedException extends RuntimeException {

	public SealedException() {
		super("Vault is sealed");
	}

}
