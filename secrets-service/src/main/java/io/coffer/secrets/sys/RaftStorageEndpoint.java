package io.coffer.secrets.sys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.ClusterHealth;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.support.VaultDurations;

import org.springframework.stereotype.Component;

/**
 * {@code sys/storage/raft/autopilot/state} and {@code sys/storage/raft/configuration} in
 * Vault's shapes (vault-api.md §9), read on the active node: which nodes vote, which do
 * not (yet), and how many voters may fail before the cluster stops serving. Coffer's
 * voters are the voting members of the Hazelcast CP group (STORAGE.md).
 */
@Component
class RaftStorageEndpoint implements SysEndpoint {

	private static final String STATE = "storage/raft/autopilot/state";

	private static final String CONFIGURATION = "storage/raft/configuration";

	private final HaCluster ha;

	RaftStorageEndpoint(HaCluster ha) {
		this.ha = ha;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(STATE) || path.equals(CONFIGURATION);
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		if (request.operation() != Operation.READ) {
			throw VaultException.unsupportedOperation();
		}
		ClusterHealth health = this.ha.clusterHealth();
		return LogicalResponse.data(request.path().equals(STATE) ? state(health) : configuration(health));
	}

	private static Map<String, Object> state(ClusterHealth health) {
		Map<String, Object> servers = new LinkedHashMap<>();
		for (ClusterHealth.Server server : health.servers()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", server.id());
			entry.put("name", server.id());
			entry.put("address", server.address());
			entry.put("node_status", server.alive() ? "alive" : "failed");
			entry.put("last_contact", VaultDurations.formatMillis(server.lastContact()));
			entry.put("last_term", server.lastTerm());
			entry.put("last_index", server.lastIndex());
			entry.put("healthy", server.healthy());
			entry.put("stable_since",
					(server.stableSince() != null) ? server.stableSince().toString() : "0001-01-01T00:00:00Z");
			entry.put("status", server.role().vaultName());
			entry.put("meta", null);
			servers.put(server.id(), entry);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("healthy", health.healthy());
		data.put("failure_tolerance", health.failureTolerance());
		data.put("leader", health.leader());
		data.put("voters", health.voters());
		data.put("servers", servers);
		return data;
	}

	private static Map<String, Object> configuration(ClusterHealth health) {
		List<Map<String, Object>> servers = new ArrayList<>();
		for (ClusterHealth.Server server : health.servers()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("node_id", server.id());
			entry.put("address", server.address());
			entry.put("leader", server.role() == ClusterHealth.Role.LEADER);
			entry.put("voter", server.role() != ClusterHealth.Role.NON_VOTER);
			entry.put("protocol_version", "3");
			servers.add(entry);
		}
		long index = health.servers().stream().mapToLong(ClusterHealth.Server::lastIndex).max().orElse(0);
		return Map.of("config", Map.of("index", index, "servers", servers));
	}

}
