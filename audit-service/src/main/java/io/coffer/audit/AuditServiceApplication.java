package io.coffer.audit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * audit-service: Vault's audit devices (README.md). It owns {@code sys/audit} and
 * {@code sys/audit-hash} (the device table itself lives on the secrets nodes) and
 * delivers the lines of every node's audit journal to every enabled device, in order,
 * without ever holding up a request. Stateless: any number of instances, one delivering
 * each journal.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AuditServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AuditServiceApplication.class, args);
	}

}
