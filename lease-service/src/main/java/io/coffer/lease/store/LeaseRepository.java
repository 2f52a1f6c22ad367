package io.coffer.lease.store;

import org.springframework.data.jpa.repository.JpaRepository;

/** Single leases by id: registration and lookups. */
public interface LeaseRepository extends JpaRepository<Lease, String> {

}
