/**
 * The request kernel every layer of a secrets node shares: a logical request and its
 * response, the operations, Vault's error, the engine SPI, a mount entry and the
 * authenticated caller. It depends on nothing else in {@code io.coffer.secrets} (only the
 * JDK), so features can all use it without depending on each other;
 * {@code ArchitectureTest} checks this.
 */
package io.coffer.secrets.kernel;
