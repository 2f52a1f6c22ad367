package io.coffer.secrets.core;

/**
 * The cluster's name and id, created at init and reported by health and seal-status once
 * unsealed.
 *
 * @param name e.g. {@code vault-cluster-1a2b3c4d} (Vault's naming, which dashboards
 * expect)
 * @param id a UUID
 */
public record ClusterIdentity(String name, String id) {
}
