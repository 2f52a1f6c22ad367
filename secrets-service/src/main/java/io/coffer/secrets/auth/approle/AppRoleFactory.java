package io.coffer.secrets.auth.approle;

import java.security.SecureRandom;
import java.time.Clock;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.AuthMethodFactory;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;

import org.springframework.stereotype.Component;

/** Builds AppRole methods ({@code type: approle}). */
@Component
public class AppRoleFactory implements AuthMethodFactory {

	private final SecureRandom random;

	private final Clock clock;

	public AppRoleFactory(SecureRandom random, Clock clock) {
		this.random = random;
		this.clock = clock;
	}

	@Override
	public String type() {
		return "approle";
	}

	@Override
	public AuthMethod create(MountEntry mount, BarrierView view) {
		AppRoleStore store = new AppRoleStore(view, this.random);
		return new AppRoleMethod(mount, store, new SecretIds(store, this.clock));
	}

}
