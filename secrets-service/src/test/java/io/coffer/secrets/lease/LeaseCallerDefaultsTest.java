package io.coffer.secrets.lease;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** lease-service is a caller of the node only when its key is configured. */
class LeaseCallerDefaultsTest {

	private final SpringApplication application = application();

	@Test
	void withoutLeaseServicesKeyNoLeaseCallerIsListed() {
		MockEnvironment environment = new MockEnvironment();

		new LeaseCallerDefaults().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty(LeaseCallerDefaults.PATHS)).isNull();
	}

	@Test
	void withItsKeyLeaseServiceMayCallTheLeaseEndpoints() {
		MockEnvironment environment = new MockEnvironment().withProperty(LeaseCallerDefaults.KEYS,
				"/keys/lease.pub.pem");

		new LeaseCallerDefaults().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty(LeaseCallerDefaults.PATHS)).isEqualTo("/internal/leases/**");
	}

	@Test
	void pathsTheOperatorSetsWin() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty(LeaseCallerDefaults.KEYS, "/keys/lease.pub.pem")
			.withProperty(LeaseCallerDefaults.PATHS, "/internal/leases/revoke");

		new LeaseCallerDefaults().postProcessEnvironment(environment, this.application);

		assertThat(environment.getProperty(LeaseCallerDefaults.PATHS)).isEqualTo("/internal/leases/revoke");
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.SERVLET);
		return application;
	}

}
