package io.coffer.lease.revoke;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.coffer.lease.config.LeaseProperties;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.support.LeaseServiceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code remove_irrevocable_lease_after}: irrevocable leases older than the setting are
 * deleted, younger ones and other leases stay.
 */
class IrrevocableCleanupTest extends LeaseServiceTest {

	@Autowired
	private LeaseQueries queries;

	@Test
	void removesOnlyLeasesIrrevocableForLongerThanTheSetting() {
		String old = leaseId("cleanup/creds/old");
		String young = leaseId("cleanup/creds/young");
		String active = leaseId("cleanup/creds/active");
		register(old, 600, 0, true);
		register(young, 600, 0, true);
		register(active, 600, 0, true);
		this.jdbc
			.sql("""
					UPDATE leases SET state = 'irrevocable', last_error = 'refused',
					       irrevocable_time = now() - CASE WHEN lease_id = :old THEN interval '3 hours' ELSE interval '1 minute' END
					WHERE lease_id IN (:old, :young)""")
			.param("old", old)
			.param("young", young)
			.update();

		LeaseProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("coffer.lease.remove-irrevocable-lease-after", "2h")))
			.bindOrCreate("coffer.lease", Bindable.of(LeaseProperties.class));
		new IrrevocableCleanup(this.queries, Clock.fixed(Instant.now(), ZoneOffset.UTC), properties).run();

		List<String> left = this.jdbc.sql("SELECT lease_id FROM leases WHERE lease_id LIKE 'cleanup/%'")
			.query(String.class)
			.list();
		assertThat(left).containsExactlyInAnyOrder(young, active);
	}

}
