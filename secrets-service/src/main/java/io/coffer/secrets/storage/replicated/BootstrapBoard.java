package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.hazelcast.core.IFunction;

/**
 * The positions nodes publish in CP while no epoch exists (after CP state was lost). Once
 * a majority of the configured nodes has published, the one with the highest position
 * seeds the new epoch: every acknowledged write reached a majority, any two majorities
 * share a node, so the highest position holds it.
 * <p>
 * The board is in CP, which anyone on the cluster network can write, so each position
 * carries an HMAC under the log key (null from a sealed node). A node that holds the key
 * relies only on positions whose HMAC verifies ({@link #trusted}): a rewritten board
 * cannot make a node with a lower position the seed.
 */
record BootstrapBoard(Map<String, Published> positions) implements Serializable {

	BootstrapBoard {
		positions = Map.copyOf(positions);
	}

	/**
	 * The positions this node may rely on: every one while it has no key (sealed; it can
	 * then only seed from an empty replica, whose unsigned genesis changes no data),
	 * otherwise only those whose HMAC verifies.
	 */
	Map<String, Position> trusted(LogAuth auth) {
		Map<String, Position> trusted = new LinkedHashMap<>();
		this.positions.forEach((node, published) -> {
			if (!auth.keyed() || auth.verifyPosition(body(node, published.position()), published.mac())) {
				trusted.put(node, published.position());
			}
		});
		return trusted;
	}

	/**
	 * The seeding node among {@code positions}: highest position, ties broken by node id.
	 */
	static String seed(Map<String, Position> positions) {
		return positions.entrySet()
			.stream()
			.max(Map.Entry.<String, Position>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map(Map.Entry::getKey)
			.orElseThrow();
	}

	/** What a position's HMAC covers: the node and its position. */
	static byte[] body(String nodeId, Position position) {
		byte[] id = nodeId.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + id.length + 24)
			.putInt(id.length)
			.put(id)
			.putLong(position.epoch().ordinal())
			.putLong(position.epoch().id())
			.putLong(position.index())
			.array();
	}

	/** One node's published position and its HMAC (null: published without the key). */
	record Published(Position position, byte[] mac) implements Serializable {

		@Override
		public String toString() {
			return "Published[" + this.position + ((this.mac != null) ? ", signed]" : ", unsigned]");
		}

	}

	/** Records one node's position. */
	record Publish(String nodeId, Published published) implements IFunction<BootstrapBoard, BootstrapBoard> {

		static Publish of(String nodeId, Position position, LogAuth auth) {
			return new Publish(nodeId, new Published(position, auth.signPosition(body(nodeId, position))));
		}

		@Override
		public BootstrapBoard apply(BootstrapBoard stored) {
			Map<String, Published> next = new HashMap<>((stored != null) ? stored.positions() : Map.of());
			next.put(this.nodeId, this.published);
			return new BootstrapBoard(next);
		}

	}

}
