package io.coffer.secrets.auth.jwt;

import java.time.Clock;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.AuthMethodFactory;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;

import org.springframework.stereotype.Component;

/** Builds jwt auth methods ({@code type: jwt}). */
@Component
public class JwtAuthFactory implements AuthMethodFactory {

	private final Clock clock;

	public JwtAuthFactory(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String type() {
		return "jwt";
	}

	@Override
	public AuthMethod create(MountEntry mount, BarrierView view) {
		return new JwtAuthMethod(mount, new JwtStore(view), new JwtValidator(this.clock));
	}

}
