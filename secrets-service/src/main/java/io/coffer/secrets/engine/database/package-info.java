/**
 * Vault's database secrets engine (mount type {@code database}) for the
 * {@code postgresql-database-plugin}: connection configs with a connection pool each,
 * dynamic roles whose credentials are real PostgreSQL roles with a lease, and static
 * roles whose password is rotated on a schedule. Everything is stored through the mount's
 * barrier view; no password ever reaches a log, an exception message or an error body.
 */
package io.coffer.secrets.engine.database;
