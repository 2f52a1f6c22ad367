package io.coffer.secrets.seal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code sys/seal-status} and the answer to {@code sys/unseal}, field for field as Vault
 * sends them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SealStatus(String type, boolean initialized, boolean sealed, int t, int n, int progress, String nonce,
		String version, @JsonProperty("build_date") String buildDate, boolean migration,
		@JsonProperty("cluster_name") String clusterName, @JsonProperty("cluster_id") String clusterId,
		@JsonProperty("recovery_seal") boolean recoverySeal, @JsonProperty("storage_type") String storageType) {
}
