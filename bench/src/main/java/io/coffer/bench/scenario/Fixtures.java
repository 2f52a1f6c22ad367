package io.coffer.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.testsupport.http.VaultReply;

/**
 * What the scenarios need before they start: a KV v2 mount at {@code secret/} (run.sh
 * makes it), a transit mount with an aes256-gcm96 key, and the keys the reads read.
 */
public final class Fixtures {

	private Fixtures() {
	}

	public static void prepare(VaultHttp http, VaultWorkloads workloads, int threads)
			throws IOException, InterruptedException {
		JsonNode mounts = http.get("sys/mounts").requireSuccess().json();
		if (!hasMount(mounts, VaultWorkloads.KV_MOUNT)) {
			http.post("sys/mounts/" + VaultWorkloads.KV_MOUNT, "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}")
				.requireSuccess();
		}
		if (!hasMount(mounts, VaultWorkloads.TRANSIT_MOUNT)) {
			http.post("sys/mounts/" + VaultWorkloads.TRANSIT_MOUNT, "{\"type\":\"transit\"}").requireSuccess();
		}
		http.post(VaultWorkloads.TRANSIT_MOUNT + "/keys/" + VaultWorkloads.TRANSIT_KEY, "{\"type\":\"aes256-gcm96\"}")
			.requireSuccess();
		writeKeys(http, workloads.keys(), threads);
	}

	/** A ciphertext of the 1 KiB transit plaintext under the bench key. */
	public static String transitCiphertext(VaultHttp http, VaultWorkloads workloads) {
		VaultReply reply = http
			.post(VaultWorkloads.TRANSIT_MOUNT + "/encrypt/" + VaultWorkloads.TRANSIT_KEY,
					workloads.transitEncryptBody())
			.requireSuccess();
		return reply.json().path("data").path("ciphertext").asString();
	}

	/** The node that answers 200 on sys/health (standbys answer 429), or null. */
	public static URI activeNode(VaultHttp http, List<URI> nodes) {
		for (URI node : nodes) {
			// -1 when not reachable: try the next one
			if (http.statusOf(node.resolve("/v1/sys/health")) == 200) {
				return node;
			}
		}
		return null;
	}

	static boolean hasMount(JsonNode mounts, String path) {
		String key = path + "/";
		return mounts.has(key) || (mounts.has("data") && mounts.get("data").has(key));
	}

	private static void writeKeys(VaultHttp http, int keys, int threads) throws InterruptedException, IOException {
		AtomicLong next = new AtomicLong();
		List<Thread> writers = new ArrayList<>();
		List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < threads; t++) {
			writers.add(Thread.ofPlatform().start(() -> {
				long i;
				while ((i = next.getAndIncrement()) < keys && failures.isEmpty()) {
					try {
						http.post(VaultWorkloads.kvPath(i, keys), VaultWorkloads.kvBody(i)).requireSuccess();
					}
					catch (RuntimeException ex) {
						failures.add(ex);
					}
				}
			}));
		}
		for (Thread writer : writers) {
			writer.join();
		}
		if (!failures.isEmpty()) {
			throw new IOException("writing the KV keys failed: " + failures.get(0).getMessage(), failures.get(0));
		}
	}

}
