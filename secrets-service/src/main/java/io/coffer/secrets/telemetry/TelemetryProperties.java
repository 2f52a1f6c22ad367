package io.coffer.secrets.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vault's listener {@code telemetry} stanza, for this node's {@code GET sys/metrics}.
 *
 * @param unauthenticatedMetricsAccess Vault's {@code unauthenticated_metrics_access}:
 * serve {@code sys/metrics} without a token (default false: a token with {@code read} on
 * {@code sys/metrics} is required)
 */
@ConfigurationProperties("coffer.telemetry")
record TelemetryProperties(boolean unauthenticatedMetricsAccess) {
}
