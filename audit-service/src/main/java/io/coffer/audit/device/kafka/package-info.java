/**
 * The {@code kafka} audit device: each line as one record of an existing topic, keyed by
 * request id, with headers {@code coffer-journal}, {@code coffer-seq} and
 * {@code coffer-node}, written by an idempotent {@code acks=all} producer, exactly once
 * across crashes by reading back each partition's tail before writing again. The test
 * write describes the topic.
 */
package io.coffer.audit.device.kafka;
