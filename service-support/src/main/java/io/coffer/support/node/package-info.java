/**
 * A service's signed calls to the active secrets node: {@link ActiveNodeCalls} tries the
 * configured nodes from the one that answered last, skips an unreachable one or one that
 * answers 503 (standby, sealed), and turns Vault's error envelope into a
 * {@link NodeRefusedException}. snapshot-service uses it; lease- and audit-service still
 * carry their own copies of the same loop (to be moved onto it).
 */
package io.coffer.support.node;
