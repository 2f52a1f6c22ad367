package io.coffer.secrets.audit.journal;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code coffer.audit.journal.*}: where the node's audit journal lives and how big it may
 * grow.
 *
 * @param dir the journal's directory (default
 * {@code <coffer.storage.data-dir>/audit-journal}, beside the replica)
 * @param maxBytes the most the journal's segments may take on disk; a full journal
 * refuses appends (and so requests) until audit-service acks enough for a segment to be
 * dropped
 * @param segmentBytes the size at which the journal starts a new segment file (space is
 * freed a whole segment at a time)
 * @param stepDownAfter how long appends may be refused before the active node steps down
 * @param appendTimeout how long an append waits for its fsync before it is refused
 */
@ConfigurationProperties("coffer.audit.journal")
public record JournalProperties(Path dir, @DefaultValue("1GB") DataSize maxBytes,
		@DefaultValue("64MB") DataSize segmentBytes, @DefaultValue("10s") Duration stepDownAfter,
		@DefaultValue("10s") Duration appendTimeout) {

	public JournalProperties {
		if (dir == null) {
			dir = Path.of(".coffer/local/node1/audit-journal");
		}
	}

}
