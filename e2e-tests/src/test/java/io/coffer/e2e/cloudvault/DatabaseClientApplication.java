package io.coffer.e2e.cloudvault;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as a Spring Cloud Vault user writes it: nothing Coffer-specific, its
 * {@code spring.datasource.username/password} come from Vault's database engine through
 * {@code spring.cloud.vault.database.*}; the test points it at the Coffer gateway. In a
 * package of its own so that component scanning finds nothing else.
 */
@SpringBootApplication
public class DatabaseClientApplication {

}
