package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.util.UUID;

import com.hazelcast.core.IFunction;

import io.coffer.secrets.storage.NodeInfo;

/**
 * The active node as published in CP for standbys and the gateway. Written only by fenced
 * functions, so a deposed active cannot replace its successor's marker.
 */
record ActiveMarker(String nodeId, String apiAddress, String clusterAddress, UUID member,
		long fence) implements Serializable {

	NodeInfo toNodeInfo() {
		return new NodeInfo(this.nodeId, this.apiAddress, this.clusterAddress);
	}

	/** Publishes a marker unless a newer fence is already published. */
	record Publish(ActiveMarker marker) implements IFunction<ActiveMarker, ActiveMarker> {

		@Override
		public ActiveMarker apply(ActiveMarker stored) {
			return (stored == null || stored.fence() <= this.marker.fence()) ? this.marker : stored;
		}

	}

	/** Removes the marker of the given fence, leaving any successor's in place. */
	record Clear(long fence) implements IFunction<ActiveMarker, ActiveMarker> {

		@Override
		public ActiveMarker apply(ActiveMarker stored) {
			return (stored != null && stored.fence() == this.fence) ? null : stored;
		}

	}

}
