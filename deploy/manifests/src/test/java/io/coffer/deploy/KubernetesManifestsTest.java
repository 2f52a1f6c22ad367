package io.coffer.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.coffer.testsupport.topology.ProcessKind;
import io.coffer.testsupport.topology.Topology;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/k8s: every resource of the kustomization parsed strictly against Kubernetes' API
 * model (fabric8), and what a reviewer checks by hand checked here against
 * deploy/topology.conf: the Hazelcast member list, probe paths and ports, the network
 * policies, non-root containers, images of real modules, secrets referenced and never
 * included.
 */
class KubernetesManifestsTest {

	private static final Path K8S = Repository.file("deploy/k8s");

	private static final String NAME_LABEL = "app.kubernetes.io/name";

	private static Map<String, Object> kustomization;

	private static List<HasMetadata> resources;

	private static Topology topology;

	@BeforeAll
	static void parse() {
		kustomization = Repository.yaml(K8S.resolve("kustomization.yaml"));
		resources = new ArrayList<>();
		for (Object file : Repository.list(kustomization.get("resources"))) {
			Path path = K8S.resolve(String.valueOf(file));
			assertThat(path).as("resource listed in kustomization.yaml").isRegularFile();
			resources.addAll(StrictKubernetes.parse(path));
		}
		topology = Repository.topology();
	}

	@Test
	void everyYamlFileIsInTheKustomizationAndEveryKindIsExpected() throws IOException {
		Set<String> listed = Repository.list(kustomization.get("resources"))
			.stream()
			.map(String::valueOf)
			.collect(Collectors.toSet());
		try (Stream<Path> files = Files.list(K8S)) {
			Set<String> yamlFiles = files.map((f) -> f.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.collect(Collectors.toSet());
			assertThat(yamlFiles).as("manifests in deploy/k8s").isEqualTo(listed);
		}
		assertThat(resources).extracting(HasMetadata::getKind)
			.containsOnly("StatefulSet", "Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy",
					"PersistentVolumeClaim");
		assertThat(resources).noneMatch((r) -> r instanceof Secret);
	}

	@Test
	void theStrictParserRefusesUnknownFieldsWrongTypesAndUnknownKinds() {
		Map<String, Object> misspelt = Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata",
				Map.of("name", "x"), "spec", Map.of("replica", 3));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictKubernetes.parse(misspelt, "misspelt"))
			.withMessageContaining("StatefulSet.spec.replica");
		Map<String, Object> nested = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "x"),
				"spec", Map.of("ports", List.of(Map.of("port", 8200, "targetport", "http"))));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictKubernetes.parse(nested, "nested"))
			.withMessageContaining("Service.spec.ports[0].targetport");
		Map<String, Object> wrongType = Map.of("apiVersion", "apps/v1", "kind", "StatefulSet", "metadata",
				Map.of("name", "x"), "spec", Map.of("replicas", "three"));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictKubernetes.parse(wrongType, "wrongType"));
		Map<String, Object> unknownKind = Map.of("apiVersion", "apps/v1", "kind", "StatefulSett", "metadata",
				Map.of("name", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> StrictKubernetes.parse(unknownKind, "unknownKind"))
			.withMessageContaining("not a Kubernetes API type");
	}

	@Test
	void theSecretsNodesFindEachOtherByTheHeadlessServicesStableNames() {
		ProcessKind secrets = topology.kind("secrets");
		StatefulSet nodes = one(StatefulSet.class, "coffer-secrets");
		int replicas = nodes.getSpec().getReplicas();
		assertThat(replicas).as("replicas = topology count").isEqualTo(secrets.count());
		assertThat(nodes.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");

		Service headless = one(Service.class, nodes.getSpec().getServiceName());
		assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
		assertThat(nodes.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(headless.getSpec().getSelector());
		assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort)
			.contains(secrets.port(), secrets.clusterPort());

		Container node = onlyContainer(nodes.getSpec().getTemplate());
		Map<String, String> options = Repository.options(node.getArgs());
		List<String> expectedMembers = IntStream.range(0, replicas)
			.mapToObj((i) -> nodes.getMetadata().getName() + "-" + i + "." + headless.getMetadata().getName() + ":"
					+ secrets.clusterPort())
			.toList();
		assertThat(List.of(options.get("coffer.cluster.members").split(","))).isEqualTo(expectedMembers);
		assertThat(options).containsEntry("coffer.cluster.size", Integer.toString(replicas))
			.containsEntry("coffer.cluster.port", Integer.toString(secrets.clusterPort()))
			.containsEntry("server.port", Integer.toString(secrets.port()))
			.containsEntry("coffer.cluster.bind-host", "$(POD_IP)")
			.containsEntry("coffer.node.id", "$(POD_NAME)");
		assertThat(node.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("POD_IP");
			assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
		});
		assertThat(nodes.getSpec().getVolumeClaimTemplates()).extracting((claim) -> claim.getMetadata().getName())
			.containsExactly("data");
		assertThat(node.getVolumeMounts()).anySatisfy((mount) -> {
			assertThat(mount.getName()).isEqualTo("data");
			assertThat(mount.getMountPath()).isEqualTo(options.get("coffer.storage.data-dir"));
		});

		PodDisruptionBudget budget = one(PodDisruptionBudget.class, "coffer-secrets");
		assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
		assertThat(nodes.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());

		// The other services and the gateway reach every node by the same stable names.
		List<String> nodeUrls = IntStream.range(0, replicas)
			.mapToObj((i) -> "http://" + nodes.getMetadata().getName() + "-" + i + "."
					+ headless.getMetadata().getName() + ":" + secrets.port())
			.toList();
		assertThat(nodeList("coffer-gateway", "coffer.gateway.nodes")).isEqualTo(nodeUrls);
		assertThat(nodeList("coffer-lease", "coffer.lease.nodes")).isEqualTo(nodeUrls);
		assertThat(nodeList("coffer-audit", "coffer.audit.nodes")).isEqualTo(nodeUrls);
		assertThat(nodeList("coffer-snapshot", "coffer.snapshot.nodes")).isEqualTo(nodeUrls);
	}

	@Test
	void probesAskTheServicesRealPortsAndVaultsHealthCodes() {
		for (Map.Entry<String, PodTemplateSpec> workload : workloads().entrySet()) {
			Container container = onlyContainer(workload.getValue());
			ProcessKind kind = kindOf(container);
			Map<String, String> options = Repository.options(container.getArgs());
			assertThat(options.get("server.port")).as(workload.getKey() + " server.port")
				.isEqualTo(Integer.toString(kind.port()));
			assertThat(port(container, "http")).as(workload.getKey() + " container port http").isEqualTo(kind.port());
			for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe(),
					container.getStartupProbe())) {
				assertThat(probe).as(workload.getKey() + " probes").isNotNull();
				assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
			}
			Service service = one(Service.class,
					workload.getKey().equals("coffer-secrets") ? "coffer-secrets-internal" : workload.getKey());
			assertThat(service.getSpec().getPorts()).anySatisfy((port) -> {
				assertThat(port.getPort()).isEqualTo(kind.port());
				assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
			});
		}
		Container node = onlyContainer(one(StatefulSet.class, "coffer-secrets").getSpec().getTemplate());
		// Ready: active (200) or standby (200 with standbyok); sealed 503 and
		// uninitialized 501 are not ready.
		assertThat(path(node.getReadinessProbe())).startsWith("/v1/sys/health?")
			.contains("standbyok=true")
			.doesNotContain("sealedcode", "uninitcode");
		// Alive whenever the API answers: sealed and uninitialized nodes answer 204,
		// never a restart loop.
		for (Probe probe : List.of(node.getLivenessProbe(), node.getStartupProbe())) {
			assertThat(path(probe)).startsWith("/v1/sys/health?")
				.contains("standbyok=true", "sealedcode=204", "uninitcode=204");
		}
		Container gateway = onlyContainer(one(Deployment.class, "coffer-gateway").getSpec().getTemplate());
		assertThat(path(gateway.getReadinessProbe())).isEqualTo("/readyz");
		assertThat(path(gateway.getLivenessProbe())).isEqualTo("/livez");
		for (String name : List.of("coffer-lease", "coffer-audit", "coffer-snapshot")) {
			Container container = onlyContainer(one(Deployment.class, name).getSpec().getTemplate());
			assertThat(path(container.getReadinessProbe())).isEqualTo("/actuator/health");
		}
	}

	@Test
	void onlyTheGatewaysPortIsReachableFromOutsideAndHazelcastOnlyBetweenNodes() {
		List<NetworkPolicy> policies = all(NetworkPolicy.class);
		assertThat(policies).as("a default deny of all ingress").anySatisfy((policy) -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
			assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
			assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
		});
		ProcessKind gatewayKind = topology.kind("gateway");
		ProcessKind secretsKind = topology.kind("secrets");
		Map<Integer, Set<String>> callersByPort = new LinkedHashMap<>();
		for (NetworkPolicy policy : policies) {
			String target = selected(policy);
			for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
				List<Integer> ports = nullSafe(rule.getPorts()).stream()
					.map(NetworkPolicyPort::getPort)
					.map((p) -> p.getIntVal())
					.toList();
				assertThat(ports).as(policy.getMetadata().getName() + ": every rule names its ports").isNotEmpty();
				boolean fromOutside = nullSafe(rule.getFrom()).isEmpty()
						|| rule.getFrom().stream().anyMatch((peer) -> !insideNamespace(peer));
				if (fromOutside) {
					assertThat(target).as(policy.getMetadata().getName() + " admits traffic from outside")
						.isEqualTo("coffer-gateway");
					assertThat(ports).containsExactly(gatewayKind.port());
					callersByPort.computeIfAbsent(gatewayKind.port(), (p) -> new LinkedHashSet<>()).add("*");
				}
				else {
					for (Integer port : ports) {
						rule.getFrom()
							.forEach((peer) -> callersByPort.computeIfAbsent(port, (p) -> new LinkedHashSet<>())
								.add(peer.getPodSelector().getMatchLabels().get(NAME_LABEL)));
					}
				}
				if (ports.contains(secretsKind.clusterPort())) {
					assertThat(target).isEqualTo("coffer-secrets");
					assertThat(rule.getFrom()).extracting((peer) -> peer.getPodSelector().getMatchLabels())
						.containsExactly(Map.of(NAME_LABEL, "coffer-secrets"));
				}
			}
		}
		// Every caller reaches what it calls (the identity allow-lists of run.sh): the
		// policies cut nothing needed.
		assertThat(callersByPort.get(gatewayKind.port())).containsExactly("*");
		assertThat(callersByPort.get(secretsKind.clusterPort())).containsExactly("coffer-secrets");
		assertThat(callersByPort.get(secretsKind.port())).contains("coffer-gateway", "coffer-lease", "coffer-audit",
				"coffer-snapshot");
		assertThat(callersByPort.get(topology.kind("lease").port())).containsExactlyInAnyOrder("coffer-gateway",
				"coffer-secrets");
		assertThat(callersByPort.get(topology.kind("audit").port())).containsExactly("coffer-gateway");
		assertThat(callersByPort.get(topology.kind("snapshot").port())).containsExactly("coffer-gateway");
	}

	@Test
	void everyContainerRunsAsNonRootWithLimits() {
		for (Map.Entry<String, PodTemplateSpec> workload : workloads().entrySet()) {
			PodSpec pod = workload.getValue().getSpec();
			String name = workload.getKey();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runAsUser").isPositive();
			assertThat(pod.getContainers()).isNotEmpty();
			assertThat(nullSafe(pod.getInitContainers())).isEmpty();
			for (Container container : pod.getContainers()) {
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
				assertThat(container.getSecurityContext().getRunAsUser()).as(name + " no root override")
					.satisfiesAnyOf((uid) -> assertThat(uid).isNull(), (uid) -> assertThat(uid).isPositive());
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
				assertThat(container.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(name + " limits").containsKey("memory");
			}
		}
	}

	@Test
	void everyImageIsTheImageOfARealModule() {
		Set<String> images = new LinkedHashSet<>();
		for (Map.Entry<String, PodTemplateSpec> workload : workloads().entrySet()) {
			Container container = onlyContainer(workload.getValue());
			ProcessKind kind = kindOf(container);
			assertThat(Repository.file(kind.module()).resolve("pom.xml")).as(container.getImage()).isRegularFile();
			images.add(container.getImage());
		}
		Set<String> serviceModules = topology.kinds()
			.stream()
			.filter(ProcessKind::runsOwnApplication)
			.map((kind) -> "coffer/" + kind.module())
			.collect(Collectors.toSet());
		assertThat(images).as("one workload per service of the topology").isEqualTo(serviceModules);
		assertThat(Repository.list(kustomization.get("images")))
			.extracting((image) -> Repository.map(image).get("name"))
			.containsExactlyInAnyOrderElementsOf(serviceModules);
	}

	@Test
	void identityKeysAndThePasswordComeFromSecretsThatAreOnlyReferenced() {
		String script = Repository.read(K8S.resolve("create-secrets.sh"));
		Set<String> referenced = new LinkedHashSet<>();
		for (Map.Entry<String, PodTemplateSpec> workload : workloads().entrySet()) {
			PodSpec pod = workload.getValue().getSpec();
			for (Volume volume : nullSafe(pod.getVolumes())) {
				if (volume.getSecret() != null) {
					referenced.add(volume.getSecret().getSecretName());
					assertThat(volume.getSecret().getDefaultMode()).as("no world-readable private key")
						.matches((mode) -> !volume.getName().equals("identity-own") || (mode & 07) == 0);
				}
			}
			Container container = onlyContainer(workload.getValue());
			nullSafe(container.getEnv()).stream()
				.filter((env) -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
				.forEach((env) -> referenced.add(env.getValueFrom().getSecretKeyRef().getName()));
			nullSafe(container.getEnv()).stream()
				.filter((env) -> env.getValue() != null)
				.forEach((env) -> assertThat(env.getValue()).as(env.getName()).doesNotContain("BEGIN", "password"));
			Map<String, String> options = Repository.options(container.getArgs());
			assertThat(options.keySet()).as(workload.getKey() + ": no password on the command line")
				.noneMatch((key) -> key.contains("password"));
			String signingKey = options.get("coffer.identity.signing-key");
			assertThat(signingKey).as(workload.getKey() + " signs with its own key")
				.startsWith("/etc/coffer/identity/own/");
		}
		assertThat(referenced).containsExactlyInAnyOrder("coffer-identity-gateway", "coffer-identity-secrets",
				"coffer-identity-lease", "coffer-identity-audit", "coffer-identity-snapshot", "coffer-identity-public",
				"coffer-postgres");
		assertThat(script).contains("coffer-identity-$caller", "coffer-identity-public", "coffer-postgres");
	}

	@Test
	void kubectlKustomizeRendersTheSameResourcesStrictly() throws Exception {
		assumeTrue(onPath("kubectl"), "kubectl is not installed");
		Path output = Files.createTempFile("coffer-kustomize", ".yaml");
		try {
			Process process = new ProcessBuilder("kubectl", "kustomize", K8S.toString()).redirectErrorStream(false)
				.redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.PIPE)
				.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
			String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as("kubectl kustomize: " + errors).isZero();
			List<HasMetadata> rendered = StrictKubernetes.parse(output);
			assertThat(rendered).hasSameSizeAs(resources);
			assertThat(rendered).allSatisfy((resource) -> {
				assertThat(resource.getMetadata().getNamespace()).isEqualTo(kustomization.get("namespace"));
				assertThat(resource.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "coffer");
			});
			assertThat(rendered).filteredOn((r) -> r instanceof Deployment || r instanceof StatefulSet)
				.allSatisfy((workload) -> assertThat(onlyContainer(template(workload)).getImage())
					.endsWith(":0.1.0-SNAPSHOT"));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	// --- helpers
	// -----------------------------------------------------------------------------------------

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, program)));
	}

	private static boolean insideNamespace(NetworkPolicyPeer peer) {
		return peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null;
	}

	private static String selected(NetworkPolicy policy) {
		Map<String, String> labels = policy.getSpec().getPodSelector().getMatchLabels();
		return (labels != null) ? labels.get(NAME_LABEL) : "*";
	}

	private static List<String> nodeList(String deployment, String option) {
		Container container = onlyContainer(one(Deployment.class, deployment).getSpec().getTemplate());
		return List.of(Repository.options(container.getArgs()).get(option).split(","));
	}

	private static String path(Probe probe) {
		HTTPGetAction get = probe.getHttpGet();
		return get.getPath();
	}

	private static int port(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((p) -> name.equals(p.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name));
	}

	private static ProcessKind kindOf(Container container) {
		String image = container.getImage();
		assertThat(image).as("image").startsWith("coffer/").doesNotContain(":");
		String module = image.substring("coffer/".length());
		return topology.kinds()
			.stream()
			.filter((kind) -> kind.module().equals(module) && kind.runsOwnApplication())
			.findFirst()
			.orElseThrow(() -> new AssertionError(image + " is not the image of a module of deploy/topology.conf"));
	}

	private static Map<String, PodTemplateSpec> workloads() {
		Map<String, PodTemplateSpec> workloads = new LinkedHashMap<>();
		for (HasMetadata resource : resources) {
			if (resource instanceof Deployment || resource instanceof StatefulSet) {
				workloads.put(resource.getMetadata().getName(), template(resource));
			}
		}
		return workloads;
	}

	private static PodTemplateSpec template(HasMetadata workload) {
		return (workload instanceof Deployment deployment) ? deployment.getSpec().getTemplate()
				: ((StatefulSet) workload).getSpec().getTemplate();
	}

	private static Container onlyContainer(PodTemplateSpec template) {
		assertThat(template.getSpec().getContainers()).hasSize(1);
		return template.getSpec().getContainers().get(0);
	}

	private static <T extends HasMetadata> List<T> all(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T one(Class<T> type, String name) {
		return all(type).stream()
			.filter((r) -> r.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
	}

	private static <T> List<T> nullSafe(List<T> list) {
		return (list != null) ? list : List.of();
	}

}
