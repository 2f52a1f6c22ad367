package io.coffer.secrets.router;

import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;

/**
 * A request path resolved to its mount.
 *
 * @param mount the owning mount
 * @param engine the engine serving it
 */
public record Route(MountEntry mount, SecretEngine engine) {

	/**
	 * The part of {@code fullPath} below the mount ({@code data/app} of
	 * {@code secret/data/app}).
	 */
	public String relative(String fullPath) {
		return (fullPath.length() >= this.mount.path().length()) ? fullPath.substring(this.mount.path().length()) : "";
	}

}
