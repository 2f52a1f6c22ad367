package io.coffer.secrets.engine.pki;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;

/** Creates PKI engines (mount type {@code pki}); see PKI.md. */
@Component
public class PkiEngineFactory implements EngineFactory {

	private final Clock clock;

	private final SecureRandom random;

	public PkiEngineFactory(Clock clock, SecureRandom random) {
		this.clock = clock;
		this.random = random;
	}

	@Override
	public Set<String> types() {
		return Set.of("pki");
	}

	@Override
	public SecretEngine create(MountEntry mount, BarrierView view) {
		return new PkiEngine(new PkiStore(view), this.clock, this.random);
	}

}
