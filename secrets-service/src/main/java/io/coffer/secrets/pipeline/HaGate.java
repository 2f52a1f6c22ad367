package io.coffer.secrets.pipeline;

import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StandbyException;

import org.springframework.stereotype.Component;

/**
 * Step {@code HA gate}: only the active node serves logical requests; a standby refuses
 * them before anything ran, so the gateway may retry them on the active node.
 */
@Component
class HaGate implements RequestStep {

	private final HaCluster ha;

	HaGate(HaCluster ha) {
		this.ha = ha;
	}

	@Override
	public String name() {
		return "HA gate";
	}

	@Override
	public void apply(RequestState state) {
		if (!this.ha.isActive()) {
			throw new StandbyException("not the active node");
		}
	}

}
