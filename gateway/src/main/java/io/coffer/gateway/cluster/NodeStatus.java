package io.coffer.gateway.cluster;

import java.net.URI;

/**
 * The last known state of one secrets node.
 *
 * @param node base URL of the node
 * @param state what its health endpoint answered
 * @param aclEpoch the node's ACL epoch from that answer ({@code X-Coffer-Acl-Epoch}), or
 * null when it sent none (unreachable, or a node that predates it)
 */
public record NodeStatus(URI node, NodeState state, String aclEpoch) {

	public NodeStatus(URI node, NodeState state) {
		this(node, state, null);
	}

}
