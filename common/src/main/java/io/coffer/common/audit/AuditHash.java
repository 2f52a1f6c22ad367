package io.coffer.common.audit;

/** {@code hmac-sha256:<hex>} of an input with a device's salt. */
public record AuditHash(String hash) {
}
