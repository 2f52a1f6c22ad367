package io.coffer.secrets.engine.identity;

import java.util.Optional;

import io.coffer.secrets.kernel.MountEntry;

/** The auth mounts an alias may name, by accessor (Vault's {@code mount_accessor}). */
@FunctionalInterface
public interface AuthAccessors {

	Optional<MountEntry> byAccessor(String accessor);

}
