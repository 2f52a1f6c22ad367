/**
 * Vault's rate-limit quotas ({@code sys/quotas/rate-limit/<name>},
 * {@code sys/quotas/config}), stored behind the barrier and enforced on the active node,
 * which every request reaches (secrets paths are forwarded to it; requests for the other
 * services are authorized by it first). The counters are kept in memory on that node
 * only: exact across any number of gateways, started afresh after a failover.
 */
package io.coffer.secrets.quota;
