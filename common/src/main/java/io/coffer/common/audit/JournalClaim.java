package io.coffer.common.audit;

/**
 * An audit-service instance asks to deliver a node's journal ({@code POST
 * /internal/audit/journal/claim}). The node grants it when nobody else holds an unexpired
 * claim, or renews it for the holder, and answers with the holder either way; acks from
 * anyone but the holder are refused ({@code 409}).
 *
 * @param instance the asking instance's id ({@code host:port})
 * @param ttlMillis how long the claim lasts without renewal
 * @param holder in the answer: the instance holding the claim
 * @param granted in the answer: whether the asker holds it
 */
public record JournalClaim(String instance, long ttlMillis, String holder, boolean granted) {
}
