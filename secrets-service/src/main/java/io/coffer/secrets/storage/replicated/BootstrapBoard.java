package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import com.hazelcast.core.IFunction;

/**
 * The positions nodes publish in CP while no epoch exists (after CP state was lost). Once
 * a majority of the configured nodes has published, the one with the highest position
 * seeds the new epoch: every acknowledged write reached a majority, any two majorities
 * share a node, so the highest position holds it.
 */
record BootstrapBoard(Map<String, Position> positions) implements Serializable {

	BootstrapBoard {
		positions = Map.copyOf(positions);
	}

	/** The seeding node: highest position, ties broken by node id. */
	String seed() {
		return this.positions.entrySet()
			.stream()
			.max(Map.Entry.<String, Position>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map(Map.Entry::getKey)
			.orElseThrow();
	}

	/** Records one node's position. */
	record Publish(String nodeId, Position position) implements IFunction<BootstrapBoard, BootstrapBoard> {

		@Override
		public BootstrapBoard apply(BootstrapBoard stored) {
			Map<String, Position> next = new HashMap<>((stored != null) ? stored.positions() : Map.of());
			next.put(this.nodeId, this.position);
			return new BootstrapBoard(next);
		}

	}

}
