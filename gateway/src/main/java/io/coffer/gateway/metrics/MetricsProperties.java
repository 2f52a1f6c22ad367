package io.coffer.gateway.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Vault's listener {@code telemetry} stanza, for the gateway's own {@code sys/metrics}.
 *
 * @param unauthenticatedMetricsAccess Vault's {@code unauthenticated_metrics_access}:
 * serve {@code sys/metrics} without a token (default false: a token with {@code read} on
 * {@code sys/metrics}, as the active secrets node decides)
 */
@ConfigurationProperties("coffer.telemetry")
public record MetricsProperties(boolean unauthenticatedMetricsAccess) {
}
