package io.coffer.secrets.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.coffer.secrets.audit.journal.AuditJournal;
import io.coffer.secrets.audit.journal.AuditJournalException;
import io.coffer.secrets.audit.journal.AuditRecord;
import io.coffer.secrets.kernel.VaultException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Vault's audit broker on the node: formats a request's entry once per enabled device and
 * makes it durable in the node's {@link AuditJournal} before the request goes on (the
 * request entry) or before the client gets its answer (the response entry). Fail-closed
 * as in Vault: an entry the journal refuses is Vault's {@code 500 internal error} and the
 * request stops there. With no device enabled nothing is written and nothing is required.
 * <p>
 * Metrics under Vault's names: timers {@code vault.audit.log_request} and
 * {@code vault.audit.log_response} (formatting and the durable append), counters
 * {@code vault.audit.log_request_failure} and {@code vault.audit.log_response_failure}
 * (entries the journal refused, nothing else).
 */
@Service
public class AuditLog {

	/** Vault's answer when a request cannot be audited. */
	public static final String INTERNAL_ERROR = "internal error";

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final AuditDevices devices;

	private final AuditEntries entries;

	private final ObjectProvider<AuditJournal> journal;

	private final Timer requestTimer;

	private final Timer responseTimer;

	private final Counter requestFailures;

	private final Counter responseFailures;

	AuditLog(AuditDevices devices, AuditEntries entries, ObjectProvider<AuditJournal> journal, MeterRegistry registry) {
		this.devices = devices;
		this.entries = entries;
		this.journal = journal;
		this.requestTimer = Timer.builder("vault.audit.log_request")
			.description("Time to format and journal a request's audit entry")
			.register(registry);
		this.responseTimer = Timer.builder("vault.audit.log_response")
			.description("Time to format and journal a response's audit entry")
			.register(registry);
		this.requestFailures = Counter.builder("vault.audit.log_request_failure")
			.description("Request audit entries the journal refused (each refused a request)")
			.register(registry);
		this.responseFailures = Counter.builder("vault.audit.log_response_failure")
			.description("Response audit entries the journal refused (each withheld a response)")
			.register(registry);
	}

	/** Whether any device is enabled (else nothing is audited). */
	public boolean enabled() {
		return !this.devices.enabled().isEmpty();
	}

	/**
	 * Makes the request entry durable.
	 * @throws VaultException 500 {@code internal error} when it cannot be
	 */
	public void logRequest(AuditEvent event) {
		append("request", event, this.entries::request, this.requestTimer, this.requestFailures);
	}

	/**
	 * Makes the response entry durable.
	 * @throws VaultException 500 {@code internal error} when it cannot be
	 */
	public void logResponse(AuditEvent event) {
		append("response", event, this.entries::response, this.responseTimer, this.responseFailures);
	}

	private void append(String type, AuditEvent event, BiFunction<EnabledDevice, AuditEvent, String> format,
			Timer timer, Counter failures) {
		List<EnabledDevice> enabled = this.devices.enabled();
		if (enabled.isEmpty()) {
			return;
		}
		Timer.Sample sample = Timer.start();
		try {
			Map<String, String> lines = new LinkedHashMap<>();
			for (EnabledDevice device : enabled) {
				lines.put(device.path(), format.apply(device, event));
			}
			AuditJournal target = this.journal.getIfAvailable();
			if (target == null) {
				log.error("An audit device is enabled but this node has no audit journal; refusing the request");
				throw new VaultException(500, INTERNAL_ERROR);
			}
			target.append(new AuditRecord(type, event.requestId(), lines));
		}
		catch (AuditJournalException ex) {
			failures.increment();
			log.error("The audit journal refused a {} entry; refusing the request: {}", type, ex.getMessage());
			throw new VaultException(500, INTERNAL_ERROR);
		}
		finally {
			sample.stop(timer);
		}
	}

}
