package io.coffer.testsupport.topology;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTest {

	@Test
	void theCheckedInTopologyStartsThreeSecretsNodesLeaseAuditAndSnapshotServicesThenTheGatewayOnTheDocumentedPorts() {
		Topology topology = Topology.of(Path.of(System.getProperty("coffer.project.root")));

		assertThat(topology.kinds()).extracting(ProcessKind::name)
			.containsExactly("secrets", "lease-db", "lease", "audit", "snapshot", "gateway");
		assertThat(topology.kind("snapshot").port()).isEqualTo(8240);
		assertThat(topology.kind("snapshot").jarName()).isEqualTo("coffer-snapshot-service.jar");
		assertThat(topology.kind("audit").port()).isEqualTo(8230);
		assertThat(topology.kind("audit").jarName()).isEqualTo("coffer-audit-service.jar");
		assertThat(topology.kind("lease").port()).isEqualTo(8220);
		assertThat(topology.kind("lease").runsOwnApplication()).isTrue();
		assertThat(topology.kind("lease-db").mainClass()).isEqualTo("io.coffer.lease.localdb.LocalPostgres");
		assertThat(topology.kind("lease-db").jarName()).isEqualTo("coffer-lease-service.jar");
		ProcessKind secrets = topology.kind("secrets");
		assertThat(secrets).isEqualTo(new ProcessKind("secrets", "secrets-service", "node{i}", 8210, 0, 5701, 3));
		assertThat(secrets.instanceName(2)).isEqualTo("node2");
		assertThat(secrets.jarName()).isEqualTo("coffer-secrets-service.jar");
		ProcessKind gateway = topology.kind("gateway");
		assertThat(gateway.port()).isEqualTo(8200);
		assertThat(gateway.managementPort()).isEqualTo(8201);
		assertThat(gateway.clusterMember()).isFalse();
		assertThat(gateway.instanceName(1)).isEqualTo("gateway");
	}

	@Test
	void commentsAndBlankLinesAreIgnoredAndDashMeansNoSuchPort() {
		Topology topology = Topology.parse(List.of("# kind module instance port mgmt cluster count", "",
				"  lease  lease-service  lease{i}  8220  -  -  2  # trailing comment"), "test");

		assertThat(topology.kinds())
			.containsExactly(new ProcessKind("lease", "lease-service", "lease{i}", 8220, 0, 0, 2));
		assertThat(topology.kinds().getFirst().hasManagementPort()).isFalse();
	}

	@Test
	void aMalformedLineIsRefusedWithItsLineNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topology.parse(List.of("# header", "gateway gateway gateway 8200 8201 -"), "topo"))
			.withMessageStartingWith("topo:2: expected 7 columns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topology.parse(List.of("gateway gateway gateway 8200 8201 - 1 Main extra"), "topo"))
			.withMessageStartingWith("topo:1: expected 7 columns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topology.parse(List.of("gateway gateway gateway 82x0 8201 - 1"), "topo"))
			.withMessageStartingWith("topo:1:");
	}

	@Test
	void severalInstancesNeedAnIndexInTheirNameAndKindsAreUnique() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topology.parse(List.of("gateway gateway gateway 8200 8201 - 2"), "topo"))
			.withMessageContaining("need {i}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topology.parse(List.of("a m a 1 - - 1", "a m a 2 - - 1"), "topo"))
			.withMessage("topo:2: kind a is listed twice");
	}

}
