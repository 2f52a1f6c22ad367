package io.coffer.e2e.configserver;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * An unmodified Spring Cloud Config Server, as a user would deploy it in front of Vault;
 * the test points its Vault backend at the Coffer gateway. In a package of its own so
 * that component scanning finds nothing else.
 */
@SpringBootApplication
@EnableConfigServer
public class ConfigServerApplication {

}
