package io.coffer.lease.node;

/**
 * The active node does not know {@code POST /internal/leases/revoke-batch} (a node of an
 * older version answers 404 or 405): the leases must be revoked one call each.
 */
public class BatchUnsupportedException extends RuntimeException {

	public BatchUnsupportedException(String message) {
		super(message);
	}

}
