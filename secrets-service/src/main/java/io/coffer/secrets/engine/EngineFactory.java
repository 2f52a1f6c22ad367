package io.coffer.secrets.engine;

import java.util.Set;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;

/**
 * Creates engines of the mount types it knows; register one as a Spring bean per engine
 * family.
 */
public interface EngineFactory {

	/** The mount types served, e.g. {@code kv}. */
	Set<String> types();

	/**
	 * Checks a new mount's options before it is stored (e.g. KV's {@code version}).
	 * @throws VaultException 400 when the options are not valid for this type
	 */
	default void validate(MountEntry mount) {
	}

	SecretEngine create(MountEntry mount, BarrierView view);

}
