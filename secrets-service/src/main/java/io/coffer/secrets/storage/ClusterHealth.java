package io.coffer.secrets.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cluster's ability to survive failures, as Vault's autopilot reports it: every node
 * this node knows, whether it votes, and how many voters may fail before the cluster
 * stops electing an active node and acknowledging writes.
 *
 * @param healthy every known server is healthy
 * @param failureTolerance how many healthy voters can fail with a voting majority left
 * @param leader the active node's id, empty when there is none
 * @param servers every known node, this one included
 */
public record ClusterHealth(boolean healthy, int failureTolerance, String leader, List<Server> servers) {

	public ClusterHealth {
		servers = List.copyOf(servers);
	}

	/** The ids of the voting servers (the leader included). */
	public List<String> voters() {
		return this.servers.stream().filter((s) -> s.role() != Role.NON_VOTER).map(Server::id).toList();
	}

	public enum Role {

		LEADER("leader"), VOTER("voter"), NON_VOTER("non-voter");

		private final String vaultName;

		Role(String vaultName) {
			this.vaultName = vaultName;
		}

		public String vaultName() {
			return this.vaultName;
		}

	}

	/**
	 * @param id the node id
	 * @param address its cluster address
	 * @param alive whether it is in the cluster and reported recently
	 * @param role leader (the active node), voter, or non-voter (not, or not yet, a
	 * voting member)
	 * @param healthy alive, voting, unsealed and following the log
	 * @param lastContact how long ago it last reported (zero for this node)
	 * @param lastTerm the log epoch of its replica
	 * @param lastIndex the last log index it applied
	 * @param stableSince since when it has been healthy without interruption (null when
	 * it is not)
	 */
	public record Server(String id, String address, boolean alive, Role role, boolean healthy, Duration lastContact,
			long lastTerm, long lastIndex, Instant stableSince) {
	}

}
