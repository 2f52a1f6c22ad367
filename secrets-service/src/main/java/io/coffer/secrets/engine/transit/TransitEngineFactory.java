package io.coffer.secrets.engine.transit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SecretEngine;

/** Creates transit engines (mount type {@code transit}); see TRANSIT.md. */
@Component
public class TransitEngineFactory implements EngineFactory {

	private final Clock clock;

	private final SecureRandom random;

	public TransitEngineFactory(Clock clock, SecureRandom random) {
		this.clock = clock;
		this.random = random;
	}

	@Override
	public Set<String> types() {
		return Set.of("transit");
	}

	@Override
	public SecretEngine create(MountEntry mount, BarrierView view) {
		return new TransitEngine(view, this.clock, this.random);
	}

}
