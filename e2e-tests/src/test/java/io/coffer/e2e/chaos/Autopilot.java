package io.coffer.e2e.chaos;

import java.time.Duration;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/** Reads {@code sys/storage/raft/autopilot/state} through the gateway, as Vault's. */
public final class Autopilot {

	private final VaultHttp http;

	private final String token;

	public Autopilot(VaultHttp http, String token) {
		this.http = http;
		this.token = token;
	}

	/** The {@code data} of the autopilot state, or null when it cannot be read. */
	public JsonNode state() {
		VaultReply reply = this.http.get("sys/storage/raft/autopilot/state", this.token);
		return (reply.status() == 200) ? reply.json().get("data") : null;
	}

	/**
	 * Waits until autopilot reports at least {@code tolerance} and, if {@code node} is
	 * given, that node as a healthy voter.
	 */
	public void awaitFailureTolerance(int tolerance, String node, Duration timeout) {
		await("autopilot failure tolerance " + tolerance + ((node != null) ? " with " + node + " voting" : ""))
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				JsonNode state = state();
				if (state == null || state.get("failure_tolerance").asInt() < tolerance) {
					return false;
				}
				if (node == null) {
					return true;
				}
				JsonNode server = state.get("servers").get(node);
				return server != null && server.get("healthy").asBoolean()
						&& !"non-voter".equals(server.get("status").asString());
			});
	}

}
