package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.util.UUID;

/**
 * What a node says about itself every second (topic {@link CpNames#STATUS_TOPIC}): its CP
 * identity and whether it votes, for autopilot's view and for the decision to reset CP. A
 * promoted CP member's UUID is not its Hazelcast member UUID, and a restarted node has
 * the address of its dead CP identity, so only the node itself can say which CP member it
 * is.
 *
 * @param nodeId configured node id
 * @param member its current Hazelcast member
 * @param clusterAddress its Hazelcast address
 * @param cpMember its CP member UUID, null while it is not a CP member
 * @param voting it votes in every CP group it belongs to ({@link CpMembership#isVoting})
 * @param inElection it has joined the election (is unsealed)
 * @param following its replica continues the current log
 * @param position its replica's applied position
 */
record NodeStatus(String nodeId, UUID member, String clusterAddress, UUID cpMember, boolean voting, boolean inElection,
		boolean following, Position position) implements Serializable {
}
