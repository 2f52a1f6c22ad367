package io.coffer.secrets.router;

import java.util.List;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;

/**
 * Contributes mounts to the {@link Router}: the built-in {@code sys/}, {@code cubbyhole/}
 * and {@code auth/token/}, the stored secrets mounts and the stored auth methods.
 * Register one as a Spring bean per table.
 */
public interface MountSource {

	/**
	 * The mounts served now, with full request paths ({@code secret/},
	 * {@code auth/approle/}). Returns the same list instance for as long as the mounts do
	 * not change: the router rebuilds its table when the instance changes.
	 */
	List<MountEntry> mounts();

	/** The engine serving one of {@link #mounts()}; may be built on first use. */
	SecretEngine engine(MountEntry mount);

}
