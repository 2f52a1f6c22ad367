package io.coffer.secrets.storage.replicated;

import java.io.Serializable;
import java.util.UUID;

/**
 * What a node broadcasts after each apply (and periodically): how far its replica is, and
 * where to reach it.
 */
record AppliedReport(String nodeId, UUID member, Position position) implements Serializable {
}
