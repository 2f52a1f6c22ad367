package io.coffer.lease;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * lease-service: the leases of the dynamic secrets the secrets nodes issue, kept in
 * PostgreSQL (README.md). Nodes register leases; clients look them up, renew and revoke
 * them through the gateway; due leases are revoked on the active node by any number of
 * instances sharing one database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LeaseServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaseServiceApplication.class, args);
	}

}
