package io.coffer.secrets.auth.userpass;

import java.security.SecureRandom;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.AuthMethodFactory;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds userpass methods ({@code type: userpass}). The bcrypt cost is
 * {@code coffer.auth.userpass.bcrypt-cost} (default 10).
 */
@Component
public class UserpassFactory implements AuthMethodFactory {

	private final PasswordHasher hasher;

	public UserpassFactory(SecureRandom random,
			@Value("${coffer.auth.userpass.bcrypt-cost:" + PasswordHasher.DEFAULT_COST + "}") int cost) {
		this.hasher = new PasswordHasher(cost, random);
	}

	@Override
	public String type() {
		return "userpass";
	}

	@Override
	public AuthMethod create(MountEntry mount, BarrierView view) {
		return new UserpassMethod(mount, view, this.hasher);
	}

}
