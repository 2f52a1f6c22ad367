package io.coffer.secrets.auth;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;

/** Creates auth methods of one type; register one Spring bean per type. */
public interface AuthMethodFactory {

	/** The method type, e.g. {@code approle}. */
	String type();

	/**
	 * @param mount the auth mount, whose path is the full {@code auth/<path>/}
	 * @param view the mount's own storage
	 */
	AuthMethod create(MountEntry mount, BarrierView view);

}
