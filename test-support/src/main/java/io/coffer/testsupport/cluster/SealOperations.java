package io.coffer.testsupport.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;
import tools.jackson.databind.JsonNode;

/**
 * What an operator does to bring a fresh suite into service, through the Vault API as
 * deploy/local/run.sh does it: init with Shamir shares, unseal (through the gateway or
 * one node directly), and mount KV v2 at {@code secret/} as {@code vault server -dev}
 * does.
 */
final class SealOperations {

	private final VaultHttp gateway;

	SealOperations(VaultHttp gateway) {
		this.gateway = gateway;
	}

	/** {@code sys/init} with 5 shares and a threshold of 3. */
	InitResponse initialize() {
		VaultReply reply = ok(this.gateway.put("sys/init", Map.of("secret_shares", 5, "secret_threshold", 3), null));
		JsonNode json = reply.json();
		return new InitResponse(strings(json.get("keys")), strings(json.get("keys_base64")),
				json.get("root_token").asString());
	}

	/**
	 * Submits keys through the gateway until it reports unsealed, starting over if a test
	 * left a partial attempt.
	 */
	void unseal(List<String> keys) {
		JsonNode status = this.gateway.get("sys/seal-status", null).json();
		if (status.get("sealed").asBoolean() && status.get("progress").asInt() > 0) {
			this.gateway.put("sys/unseal", Map.of("reset", true), null);
		}
		for (String key : keys) {
			if (!ok(this.gateway.put("sys/unseal", Map.of("key", key), null)).json().get("sealed").asBoolean()) {
				return;
			}
		}
	}

	/**
	 * Submits keys to one node directly (the gateway's fan-out answers "unsealed" as soon
	 * as any node is), until that node reports unsealed.
	 */
	void unsealNode(ServiceProcess node, List<String> keys) {
		VaultHttp direct = this.gateway.at(node.baseUri());
		for (String key : keys) {
			VaultReply reply = direct.put("sys/unseal", Map.of("key", key), null);
			if (reply.status() != 200) {
				throw new IllegalStateException(
						node.name() + " sys/unseal answered " + reply.status() + " " + reply.body());
			}
			if (!reply.json().get("sealed").asBoolean()) {
				return;
			}
		}
		throw new IllegalStateException(node.name() + " is still sealed after every key");
	}

	void mountKvVersion2AtSecret(String rootToken) {
		VaultReply reply = this.gateway.post("sys/mounts/secret",
				Map.of("type", "kv", "options", Map.of("version", "2")), rootToken);
		if (reply.status() != 204) {
			throw new IllegalStateException("mounting secret/ answered " + reply.status() + " " + reply.body());
		}
	}

	private static VaultReply ok(VaultReply reply) {
		if (reply.status() != 200) {
			throw new IllegalStateException(reply.request() + " answered " + reply.status() + " " + reply.body());
		}
		return reply;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((element) -> values.add(element.asString()));
		return values;
	}

}
