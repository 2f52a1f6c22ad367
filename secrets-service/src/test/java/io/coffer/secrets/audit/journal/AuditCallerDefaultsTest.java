package io.coffer.secrets.audit.journal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** audit-service is a caller of the node only when its key is configured. */
class AuditCallerDefaultsTest {

	@Test
	void withoutAuditServicesKeyNoAuditCallerIsListed() {
		MockEnvironment environment = new MockEnvironment();

		new AuditCallerDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty(AuditCallerDefaults.PATHS)).isNull();
	}

	@Test
	void withItsKeyAuditServiceMayCallTheAuditEndpoints() {
		MockEnvironment environment = new MockEnvironment().withProperty(AuditCallerDefaults.KEYS,
				"/keys/audit.pub.pem");

		new AuditCallerDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty(AuditCallerDefaults.PATHS)).isEqualTo("/internal/audit/**");
	}

}
