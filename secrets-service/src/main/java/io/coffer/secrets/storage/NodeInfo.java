package io.coffer.secrets.storage;

/**
 * A secrets node as seen by the cluster.
 *
 * @param nodeId the configured node id
 * @param apiAddress the node's own HTTP address, e.g. {@code http://127.0.0.1:8210}
 * @param clusterAddress the node's cluster (Hazelcast) address, e.g.
 * {@code 127.0.0.1:5701}
 */
public record NodeInfo(String nodeId, String apiAddress, String clusterAddress) {
}
