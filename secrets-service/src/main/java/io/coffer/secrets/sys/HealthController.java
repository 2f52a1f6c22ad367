package io.coffer.secrets.sys;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.secrets.core.Version;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.seal.SealService;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.NodeInfo;
import io.coffer.secrets.support.GoBool;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code sys/health} and {@code sys/leader} of this node, unauthenticated, as Vault
 * serves them (vault-api.md §1): the status code says what the node is, the body is the
 * same for every code.
 */
@RestController
public class HealthController {

	private final SealService seal;

	private final HaCluster ha;

	private final Clock clock;

	HealthController(SealService seal, HaCluster ha, Clock clock) {
		this.seal = seal;
		this.ha = ha;
		this.clock = clock;
	}

	@RequestMapping(path = "/v1/sys/health", method = { RequestMethod.GET, RequestMethod.HEAD })
	ResponseEntity<Object> health(@RequestParam Map<String, String> params) {
		boolean initialized = this.seal.isInitialized();
		boolean sealed = this.seal.isSealed();
		boolean active = initialized && !sealed && this.ha.isActive();
		int status;
		if (!initialized) {
			status = code(params, "uninitcode", 501);
		}
		else if (sealed) {
			status = code(params, "sealedcode", 503);
		}
		else if (!active) {
			status = flag(params, "standbyok") ? code(params, "activecode", 200) : code(params, "standbycode", 429);
		}
		else {
			status = code(params, "activecode", 200);
		}
		// Validate every code parameter even when another one decided the status (Vault
		// rejects them all).
		for (String name : new String[] { "activecode", "standbycode", "drsecondarycode", "performancestandbycode" }) {
			code(params, name, 0);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("initialized", initialized);
		body.put("sealed", sealed);
		body.put("standby", !active);
		body.put("performance_standby", false);
		body.put("replication_performance_mode", "disabled");
		body.put("replication_dr_mode", "disabled");
		body.put("server_time_utc", this.clock.instant().getEpochSecond());
		body.put("version", Version.REPORTED);
		body.put("enterprise", false);
		if (!sealed) {
			this.seal.clusterIdentity().ifPresent((id) -> {
				body.put("cluster_name", id.name());
				body.put("cluster_id", id.id());
			});
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	@GetMapping("/v1/sys/leader")
	Map<String, Object> leader() {
		if (this.seal.isSealed()) {
			throw new VaultException(503, "Vault is sealed");
		}
		boolean self = this.ha.isActive();
		NodeInfo leader = this.ha.activeNode().orElse(null);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ha_enabled", this.ha.haEnabled());
		body.put("is_self", self);
		body.put("active_time", this.ha.activeSince().map(Instant::toString).orElse("0001-01-01T00:00:00Z"));
		body.put("leader_address", (leader != null) ? leader.apiAddress() : "");
		body.put("leader_cluster_address", (leader != null) ? leader.clusterAddress() : "");
		body.put("performance_standby", false);
		body.put("performance_standby_last_remote_wal", 0);
		body.put("raft_committed_index", this.ha.committedIndex());
		body.put("raft_applied_index", this.ha.appliedIndex());
		return body;
	}

	private static boolean flag(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null) {
			return false;
		}
		return value.isEmpty() || GoBool.parse(value)
			.orElseThrow(() -> VaultException.badRequest("bad value for " + name + " parameter"));
	}

	private static int code(Map<String, String> params, String name, int fallback) {
		String value = params.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int code = Integer.parseInt(value);
			if (code < 100 || code > 599) {
				throw VaultException.badRequest("invalid status code for " + name);
			}
			return code;
		}
		catch (NumberFormatException ex) {
			throw VaultException.badRequest("unable to parse " + name + " parameter");
		}
	}

}
