package io.coffer.secrets.http;

import io.coffer.secrets.ha.FakeHaCluster;
import io.coffer.secrets.storage.HaCluster;
import io.coffer.secrets.storage.StepDownStorage;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A node on in-memory storage whose HA role a test controls ({@link StepDownStorage}):
 * fast to start, and shared (one cached context) by the test classes that import it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryNodeConfiguration {

	@Bean
	@Primary
	FakeHaCluster testHa() {
		return new FakeHaCluster();
	}

	@Bean
	@Primary
	StepDownStorage testStorage(HaCluster testHa) {
		return new StepDownStorage(testHa);
	}

}
