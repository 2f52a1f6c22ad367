package io.coffer.secrets.storage;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code coffer.cluster.*}: the Hazelcast cluster the storage replicates through.
 *
 * @param name Hazelcast cluster name
 * @param bindHost address Hazelcast binds to and announces
 * @param port this node's Hazelcast port
 * @param members every node's {@code host:port} (like Vault's {@code retry_join}); empty
 * means this node only
 * @param size configured voting nodes: 1 (single node, CP unsafe mode) or at least 3
 * @param sessionTtl CP session TTL: how quickly a dead active's lock is released
 * @param missingMemberAutoRemoval after how long Hazelcast drops a CP member that stays
 * missing (a restarted node replaces its predecessor at once)
 */
@ConfigurationProperties("coffer.cluster")
public record ClusterProperties(@DefaultValue("coffer-local") String name, @DefaultValue("127.0.0.1") String bindHost,
		@DefaultValue("5701") int port, List<String> members, @DefaultValue("1") int size,
		@DefaultValue("5s") Duration sessionTtl, @DefaultValue("60s") Duration missingMemberAutoRemoval) {
}
