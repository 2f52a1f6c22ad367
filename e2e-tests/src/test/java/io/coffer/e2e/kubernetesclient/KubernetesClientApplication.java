package io.coffer.e2e.kubernetesclient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * An application as a Spring Cloud Vault user on Kubernetes writes it: nothing
 * Coffer-specific, it logs in with its pod's service-account token
 * ({@code spring.cloud.vault.authentication=KUBERNETES}) and imports its key-value
 * secrets as properties; the test points it at the Coffer gateway. It has no database
 * (JDBC is on the test classpath for another test). In a package of its own so that
 * component scanning finds nothing else.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class KubernetesClientApplication {

}
