package io.coffer.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.coffer.testsupport.topology.ProcessKind;
import io.coffer.testsupport.topology.Topology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose/docker-compose.yml cross-checked against deploy/topology.conf and the
 * files it mounts (its schema is checked by docker-compose itself: check-compose.sh): the
 * Hazelcast member list, ports, health checks and start order, the credentials each
 * service reads, what is published, and that no secret is written in the file.
 */
class ComposeFileTest {

	private static final Path COMPOSE = Repository.file("deploy/compose");

	private static Map<String, Object> services;

	private static Topology topology;

	@BeforeAll
	static void read() {
		services = Repository.map(Repository.yaml(COMPOSE.resolve("docker-compose.yml")).get("services"));
		topology = Repository.topology();
	}

	@Test
	void theSecretsNodesFormOneClusterByServiceName() {
		ProcessKind secrets = topology.kind("secrets");
		List<String> names = IntStream.rangeClosed(1, secrets.count()).mapToObj(secrets::instanceName).toList();
		List<String> members = names.stream().map((name) -> name + ":" + secrets.clusterPort()).toList();
		Set<String> addresses = new LinkedHashSet<>();
		for (String name : names) {
			Map<String, Object> node = service(name);
			Map<String, String> options = options(node);
			assertThat(options).as(name)
				.containsEntry("coffer.node.id", name)
				.containsEntry("coffer.node.api-address", "http://" + name + ":" + secrets.port())
				.containsEntry("coffer.cluster.port", Integer.toString(secrets.clusterPort()))
				.containsEntry("coffer.cluster.size", Integer.toString(secrets.count()))
				.containsEntry("server.port", Integer.toString(secrets.port()));
			assertThat(List.of(options.get("coffer.cluster.members").split(","))).as(name).isEqualTo(members);
			// Hazelcast binds one interface given as an address: the node's fixed address
			// on the network.
			String address = String
				.valueOf(Repository.map(Repository.map(node.get("networks")).get("coffer")).get("ipv4_address"));
			assertThat(options.get("coffer.cluster.bind-host")).as(name).isEqualTo(address);
			addresses.add(address);
			assertThat(volumeTargets(node)).containsValue(options.get("coffer.storage.data-dir"));
		}
		assertThat(addresses).as("one address per node").hasSize(names.size());
		Map<String, Object> networks = Repository
			.map(Repository.yaml(COMPOSE.resolve("docker-compose.yml")).get("networks"));
		Map<String, Object> ipam = Repository.map(Repository.map(networks.get("coffer")).get("ipam"));
		List<Object> subnets = Repository.list(ipam.get("config"));
		String subnet = String.valueOf(Repository.map(subnets.get(0)).get("subnet"));
		assertThat(subnet).endsWith(".0/24");
		String prefix = subnet.substring(0, subnet.length() - "0/24".length());
		assertThat(addresses).allMatch((address) -> address.startsWith(prefix));
		assertThat(services.keySet()).as("no other secrets node than the topology's")
			.filteredOn((name) -> name.startsWith("node"))
			.containsExactlyElementsOf(names);
	}

	@Test
	void everyServiceListensOnItsTopologyPortAndItsHealthCheckAsksThere() {
		for (ProcessKind kind : topology.kinds()) {
			if (!kind.runsOwnApplication()) {
				continue;
			}
			for (int i = 1; i <= kind.count(); i++) {
				String name = kind.instanceName(i);
				Map<String, Object> service = service(name);
				Map<String, Object> build = Repository.map(service.get("build"));
				Map<String, Object> args = Repository.map(build.get("args"));
				assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/Dockerfile");
				assertThat(args).as(name)
					.containsEntry("MODULE", kind.module())
					.containsEntry("PORT", Integer.toString(kind.port()));
				assertThat(service.get("image")).isEqualTo("coffer/" + kind.module() + ":0.1.0-SNAPSHOT");
				assertThat(options(service)).as(name).containsEntry("server.port", Integer.toString(kind.port()));
				// A read-only root file system; RocksDB and Netty extract native
				// libraries to an exec /tmp.
				assertThat(service).as(name).containsEntry("read_only", true);
				assertThat(Repository.list(service.get("tmpfs"))).as(name).containsExactly("/tmp:exec,mode=1777");
				List<Object> test = Repository.list(Repository.map(service.get("healthcheck")).get("test"));
				URI health = URI.create(String.valueOf(test.get(test.size() - 1)));
				assertThat(health.getPort()).as(name + " health check port").isEqualTo(kind.port());
				assertThat(health.getHost()).isEqualTo("127.0.0.1");
				// The image's own HEALTHCHECK asks the same path.
				assertThat(health.getRawPath() + ((health.getRawQuery() != null) ? "?" + health.getRawQuery() : ""))
					.isEqualTo(args.get("HEALTH_PATH"));
			}
		}
		// The secrets nodes are healthy as soon as they answer, sealed or uninitialized:
		// init and unseal come
		// through the gateway, which starts after them.
		assertThat(Repository.map(service("node1").get("build")).get("args").toString()).contains("sealedcode=200",
				"uninitcode=200");
		assertThat(Repository.map(Repository.map(service("gateway").get("build")).get("args")))
			.containsEntry("HEALTH_PATH", "/readyz");
	}

	@Test
	void servicesStartInTheTopologysOrderEachAfterItsPredecessorIsHealthy() {
		Map<String, Set<String>> healthyBefore = new LinkedHashMap<>();
		for (String name : services.keySet()) {
			Map<String, Object> dependsOn = Repository.map(service(name).get("depends_on"));
			for (Map.Entry<String, Object> dependency : dependsOn.entrySet()) {
				String condition = String.valueOf(Repository.map(dependency.getValue()).get("condition"));
				Map<String, Object> target = service(dependency.getKey());
				if (dependency.getKey().equals("credentials")) {
					assertThat(condition).isEqualTo("service_completed_successfully");
				}
				else {
					assertThat(condition).as(name + " waits for " + dependency.getKey()).isEqualTo("service_healthy");
					assertThat(target).as(dependency.getKey() + " has a health check").containsKey("healthcheck");
				}
			}
			healthyBefore.put(name, dependsOn.keySet());
		}
		// Every process of the topology starts after every process listed before it
		// (lease-db is PostgreSQL here).
		List<String> order = new ArrayList<>();
		for (ProcessKind kind : topology.kinds()) {
			for (int i = 1; i <= kind.count(); i++) {
				order.add(kind.name().equals("lease-db") ? "postgres" : kind.instanceName(i));
			}
		}
		for (int later = 0; later < order.size(); later++) {
			if (order.get(later).equals("postgres")) {
				// The official image waits for nothing but its password; lease-service
				// waits for it.
				continue;
			}
			Set<String> before = transitive(order.get(later), healthyBefore);
			for (int earlier = 0; earlier < later; earlier++) {
				String first = order.get(earlier);
				boolean sameKind = first.startsWith("node") && order.get(later).startsWith("node");
				if (!sameKind) {
					assertThat(before).as(order.get(later) + " starts after " + first).contains(first);
				}
			}
		}
		assertThat(transitive("grafana", healthyBefore)).contains("prometheus", "gateway");
		for (String name : services.keySet()) {
			if (!name.equals("credentials")) {
				assertThat(transitive(name, healthyBefore)).as(name + " starts after the credentials exist")
					.contains("credentials");
			}
		}
	}

	@Test
	void eachServiceReadsOnlyItsOwnPrivateKeyAndTheCallersPublicKeys() {
		Map<String, String> keyFiles = new LinkedHashMap<>();
		Matcher entry = Pattern.compile("\\[(\\w+)]=([\\w.-]+\\.pem)")
			.matcher(Repository.read(Repository.file("deploy/docker/generate-credentials.sh")));
		while (entry.find()) {
			keyFiles.put(entry.group(1), entry.group(2));
		}
		assertThat(keyFiles.keySet()).containsExactlyInAnyOrder("gateway", "secrets", "lease", "audit", "snapshot");
		Map<String, String> written = volumeTargets(service("credentials"));
		Map<String, String> callerOfService = Map.of("gateway", "gateway", "lease", "lease", "audit", "audit",
				"snapshot", "snapshot");
		for (String name : services.keySet()) {
			Map<String, String> options = options(service(name));
			if (!options.containsKey("coffer.identity.signing-key")) {
				continue;
			}
			String caller = name.startsWith("node") ? "secrets" : callerOfService.get(name);
			Map<String, String> mounts = volumeTargets(service(name));
			assertThat(mounts).as(name + " mounts its caller's key volume").containsKey("identity-" + caller);
			assertThat(written).containsEntry("identity-" + caller, "/credentials/" + caller);
			assertThat(options.get("coffer.identity.signing-key"))
				.isEqualTo(mounts.get("identity-" + caller) + "/" + keyFiles.get(caller));
			assertThat(mounts.keySet()).as(name + " sees no other caller's private key")
				.filteredOn((volume) -> volume.startsWith("identity-") && !volume.equals("identity-public"))
				.containsExactly("identity-" + caller);
			for (Map.Entry<String, String> option : options.entrySet()) {
				boolean publicKeys = option.getKey().startsWith("coffer.identity.callers.")
						|| option.getKey().equals("coffer.identity.verification-keys");
				if (publicKeys) {
					String file = option.getValue().substring(option.getValue().lastIndexOf('/') + 1);
					assertThat(option.getValue()).isEqualTo(mounts.get("identity-public") + "/" + file);
					assertThat(keyFiles.values()).as(option.toString()).contains(file.replace(".pub.pem", ".pem"));
				}
			}
		}
		// The callers each receiver lists, as run.sh passes them.
		assertThat(options(service("node1"))).containsKeys("coffer.identity.verification-keys",
				"coffer.identity.callers.lease.keys", "coffer.identity.callers.audit.keys",
				"coffer.identity.callers.snapshot.keys");
		assertThat(options(service("lease"))).containsKeys("coffer.identity.callers.gateway.keys",
				"coffer.identity.callers.secrets.keys");
	}

	@Test
	void onlyTheGatewayIsPublishedAndNoSecretIsWrittenInTheFile() {
		for (Map.Entry<String, Object> entry : services.entrySet()) {
			List<Object> ports = Repository.list(Repository.map(entry.getValue()).get("ports"));
			switch (entry.getKey()) {
				case "gateway" -> assertThat(ports)
					.containsExactly(topology.kind("gateway").port() + ":" + topology.kind("gateway").port());
				case "prometheus", "grafana" ->
					assertThat(ports).as(entry.getKey()).allMatch((port) -> port.toString().startsWith("127.0.0.1:"));
				default -> assertThat(ports).as(entry.getKey() + " publishes nothing").isEmpty();
			}
			Map<String, Object> environment = Repository.map(Repository.map(entry.getValue()).get("environment"));
			for (Map.Entry<String, Object> variable : environment.entrySet()) {
				if (variable.getKey().matches(".*(PASSWORD|TOKEN|SECRET|KEY).*")) {
					assertThat(variable.getKey()).as("a secret is passed as a file").endsWith("_FILE");
				}
			}
		}
		String text = Repository.read(COMPOSE.resolve("docker-compose.yml"));
		assertThat(text).doesNotContain("BEGIN", "password=", "hvs.", "env_file");
		assertThat(options(service("lease"))).doesNotContainKey("spring.datasource.password")
			.containsEntry("spring.config.import", "configtree:/run/coffer/lease-db/");
		assertThat(volumeTargets(service("lease"))).containsEntry("lease-db-password", "/run/coffer/lease-db");
	}

	@Test
	void prometheusScrapesEveryServiceAndGrafanaUsesTheCommittedDashboards() {
		Map<String, Object> prometheus = Repository.yaml(COMPOSE.resolve("prometheus.yml"));
		Set<String> targets = new LinkedHashSet<>();
		for (Object job : Repository.list(prometheus.get("scrape_configs"))) {
			for (Object config : Repository.list(Repository.map(job).get("static_configs"))) {
				Repository.list(Repository.map(config).get("targets")).forEach((t) -> targets.add(t.toString()));
			}
		}
		Set<String> expected = new LinkedHashSet<>();
		for (ProcessKind kind : topology.kinds()) {
			if (!kind.runsOwnApplication()) {
				continue;
			}
			int port = kind.hasManagementPort() ? kind.managementPort() : kind.port();
			IntStream.rangeClosed(1, kind.count()).forEach((i) -> expected.add(kind.instanceName(i) + ":" + port));
		}
		assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(options(service("gateway"))).containsEntry("management.server.address", "0.0.0.0")
			.containsEntry("management.server.port", Integer.toString(topology.kind("gateway").managementPort()));
		assertThat(Repository.list(prometheus.get("rule_files"))).allSatisfy(
				(rules) -> assertThat(Repository.file("deploy/prometheus").resolve(rules.toString())).isRegularFile());

		Map<String, String> grafana = bindMounts(service("grafana"));
		assertThat(grafana).containsEntry("../grafana/provisioning/dashboards", "/etc/grafana/provisioning/dashboards")
			.containsEntry("../grafana/dashboards", "/var/lib/grafana/dashboards/coffer");
		Map<String, Object> provider = Repository.map(
				Repository
					.list(Repository.yaml(Repository.file("deploy/grafana/provisioning/dashboards/coffer.yml"))
						.get("providers"))
					.get(0));
		assertThat(Repository.map(provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards/coffer");
		Map<String, Object> datasource = Repository
			.map(Repository.list(Repository.yaml(COMPOSE.resolve("grafana-datasource.yml")).get("datasources")).get(0));
		Map<String, Object> committed = Repository
			.map(Repository
				.list(Repository.yaml(Repository.file("deploy/grafana/provisioning/datasources/coffer-prometheus.yml"))
					.get("datasources"))
				.get(0));
		assertThat(datasource).containsEntry("uid", committed.get("uid"))
			.containsEntry("name", committed.get("name"))
			.containsEntry("url", "http://prometheus:9090");
		for (Map.Entry<String, String> mount : bindMounts(service("prometheus")).entrySet()) {
			assertThat(COMPOSE.resolve(mount.getKey()).normalize()).as(mount.getKey()).exists();
		}
	}

	// --- helpers
	// -----------------------------------------------------------------------------------------

	private static Set<String> transitive(String name, Map<String, Set<String>> dependencies) {
		Set<String> all = new LinkedHashSet<>();
		List<String> pending = new ArrayList<>(dependencies.getOrDefault(name, Set.of()));
		while (!pending.isEmpty()) {
			String next = pending.remove(pending.size() - 1);
			if (all.add(next)) {
				pending.addAll(dependencies.getOrDefault(next, Set.of()));
			}
		}
		return all;
	}

	private static Map<String, Object> service(String name) {
		assertThat(services).as("compose services").containsKey(name);
		return Repository.map(services.get(name));
	}

	private static Map<String, String> options(Map<String, Object> service) {
		return Repository.options(Repository.list(service.get("command")));
	}

	/** Named volumes: volume name to mount point. */
	private static Map<String, String> volumeTargets(Map<String, Object> service) {
		Map<String, String> targets = new LinkedHashMap<>();
		for (Object volume : Repository.list(service.get("volumes"))) {
			String[] parts = volume.toString().split(":");
			if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
				targets.put(parts[0], parts[1]);
			}
		}
		return targets;
	}

	/** Bind mounts: path relative to deploy/compose to mount point. */
	private static Map<String, String> bindMounts(Map<String, Object> service) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (Object volume : Repository.list(service.get("volumes"))) {
			String[] parts = volume.toString().split(":");
			if (parts[0].startsWith(".")) {
				mounts.put(parts[0], parts[1]);
			}
		}
		return mounts;
	}

}
