package io.coffer.e2e.dashboards;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.cluster.CofferCluster;
import io.coffer.testsupport.cluster.ServiceProcess;
import io.coffer.testsupport.http.VaultHttp;

import static org.awaitility.Awaitility.await;

/**
 * Traffic that makes every lazily created meter of the suite exist: an audit device
 * delivering (audit-service's per-device meters exist from a device's first delivery), a
 * mount created in, read, listed and deleted from (the active node's per-mount route
 * summaries exist from a mount's first request of each operation), a token created and
 * revoked, and an automated-snapshot configuration that has run once (its meters exist
 * per configuration). Closing it deletes the configuration and disables the device.
 */
public final class SuiteActivity implements AutoCloseable {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final VaultHttp http;

	private final String root;

	private final String name;

	private SuiteActivity(VaultHttp http, String root, String name) {
		this.http = http;
		this.root = root;
		this.name = name;
	}

	/**
	 * Runs the traffic; {@code name} names the device, the snapshot configuration and the
	 * paths.
	 */
	public static SuiteActivity start(CofferCluster cluster, String name) {
		VaultHttp http = cluster.http();
		String root = cluster.rootToken();
		SuiteActivity activity = new SuiteActivity(http, root, name);
		try {
			Path dir = Files.createTempDirectory("coffer-" + name);
			http.put("sys/audit/" + name,
					Map.of("type", "file", "options", Map.of("file_path", dir.resolve("audit.log").toString())), root)
				.requireSuccess();
			http.post("secret/data/" + name, Map.of("data", Map.of("k", "v")), root).requireSuccess();
			// cubbyhole tells a create from an update, as Vault's router does
			http.put("cubbyhole/" + name, Map.of("k", "v"), root).requireSuccess();
			http.get("cubbyhole/" + name, root).requireSuccess();
			http.list("cubbyhole/", root).requireSuccess();
			http.delete("cubbyhole/" + name, root).requireSuccess();
			// vault_token_creation exists from the first token created (its labels come
			// from the token)
			String token = http.post("auth/token/create", Map.of("policies", List.of("default"), "ttl", "1m"), root)
				.requireSuccess()
				.json()
				.path("auth")
				.path("client_token")
				.asString();
			http.post("auth/token/revoke", Map.of("token", token), root).requireSuccess();
			ServiceProcess audit = cluster.auditService();
			await().until(() -> actuator(audit).contains("coffer_audit_device_delivered_total{device=\"" + name));
			http.post(
					activity.snapshotConfig(), Map.of("interval", "2s", "path_prefix",
							dir.resolve("snapshots").toString(), "storage_type", "local", "local_max_space", 1L << 30),
					root)
				.requireSuccess();
			ServiceProcess snapshot = cluster.snapshotService();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> actuator(snapshot).contains("vault_autosnapshots_percent_maxspace_used{"));
			return activity;
		}
		catch (IOException ex) {
			activity.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException | Error ex) {
			activity.close();
			throw ex;
		}
	}

	private String snapshotConfig() {
		return "sys/storage/raft/snapshot-auto/config/" + this.name;
	}

	/** A process's {@code /actuator/prometheus} exposition. */
	public static String actuator(ServiceProcess process) {
		HttpRequest request = HttpRequest.newBuilder(process.baseUri().resolve("/actuator/prometheus")).GET().build();
		try {
			HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						process.name() + " /actuator/prometheus answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() {
		this.http.delete(snapshotConfig(), this.root);
		this.http.delete("sys/audit/" + this.name, this.root);
	}

}
