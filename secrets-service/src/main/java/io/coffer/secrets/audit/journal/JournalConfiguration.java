package io.coffer.secrets.audit.journal;

import java.security.SecureRandom;
import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The production {@link AuditJournal}: a {@link FileAuditJournal} in
 * {@code coffer.audit.journal.dir}, its health component {@code auditJournal} (DOWN while
 * it refuses appends, so the node refuses requests) and its gauges.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
class JournalConfiguration {

	@Bean(destroyMethod = "close")
	FileAuditJournal fileAuditJournal(JournalProperties settings, Clock clock, SecureRandom random,
			MeterRegistry meters) {
		FileAuditJournal journal = new FileAuditJournal(settings, clock, random);
		Gauge.builder("coffer.audit.journal.bytes", journal, FileAuditJournal::bytes)
			.description("Bytes the node's audit journal takes on disk")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("coffer.audit.journal.writable", journal, (j) -> j.writable() ? 1 : 0)
			.description("1 while the audit journal accepts appends; 0 while the node refuses requests")
			.register(meters);
		Gauge.builder("coffer.audit.journal.head", journal, FileAuditJournal::head)
			.description("Sequence number of the newest durable audit journal entry")
			.register(meters);
		return journal;
	}

	/** Health component {@code auditJournal} (Boot drops the name's suffix). */
	@Bean
	HealthIndicator auditJournalHealthIndicator(FileAuditJournal journal, JournalProperties settings) {
		return () -> {
			Health.Builder health = journal.writable() ? Health.up() : Health.down();
			return health.withDetail("journal", String.valueOf(journal.id()))
				.withDetail("head", journal.head())
				.withDetail("bytes", journal.bytes())
				.withDetail("max_bytes", settings.maxBytes().toBytes())
				.build();
		};
	}

	@Bean
	JournalClaims journalClaims(Clock clock) {
		return new JournalClaims(clock);
	}

}
