package io.coffer.gateway.cluster;

import java.net.URI;

/**
 * The last known state of one secrets node.
 *
 * @param node base URL of the node
 * @param state what its health endpoint answered
 */
public record NodeStatus(URI node, NodeState state) {

}
