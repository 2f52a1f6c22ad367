package io.coffer.e2e.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entries an audit device wrote (one JSON object per line, Vault's schema plus
 * Coffer's {@code coffer_chain}), as a test reads them. A line cut short (a device output
 * still being written, a connection dropped mid-line) is skipped.
 */
public final class AuditLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> entries;

	private AuditLines(List<JsonNode> entries) {
		this.entries = entries;
	}

	public static AuditLines of(Path file) {
		try {
			return of(Files.readAllLines(file));
		}
		catch (NoSuchFileException ex) {
			return new AuditLines(List.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static AuditLines of(List<String> lines) {
		List<JsonNode> entries = new ArrayList<>();
		for (String line : lines) {
			int start = line.indexOf('{');
			if (start < 0 || !line.endsWith("}")) {
				continue;
			}
			try {
				entries.add(JSON.readTree(line.substring(start)));
			}
			catch (RuntimeException ex) {
				// a line cut short
			}
		}
		return new AuditLines(entries);
	}

	/** Entries already parsed (e.g. the values of a Kafka topic). */
	public static AuditLines ofNodes(List<JsonNode> entries) {
		return new AuditLines(List.copyOf(entries));
	}

	/** The entries ({@code journal:seq}) that appear more than once. */
	public List<String> duplicates() {
		Set<String> seen = new LinkedHashSet<>();
		List<String> twice = new ArrayList<>();
		for (JsonNode entry : this.entries) {
			JsonNode chain = entry.path("coffer_chain");
			String id = chain.path("journal").asString("") + ":" + chain.path("seq").asLong(-1);
			if (!seen.add(id)) {
				twice.add(id);
			}
		}
		return twice;
	}

	public int size() {
		return this.entries.size();
	}

	public List<JsonNode> all() {
		return this.entries;
	}

	/** Request entries whose path starts with {@code pathPrefix}. */
	public List<JsonNode> requests(String pathPrefix) {
		return of("request", pathPrefix);
	}

	/** Response entries whose path starts with {@code pathPrefix}. */
	public List<JsonNode> responses(String pathPrefix) {
		return of("response", pathPrefix);
	}

	/** The distinct request ids of the entries under {@code pathPrefix}. */
	public Set<String> requestIds(String pathPrefix) {
		Set<String> ids = new LinkedHashSet<>();
		for (JsonNode entry : this.entries) {
			if (entry.at("/request/path").asString("").startsWith(pathPrefix)) {
				ids.add(entry.at("/request/id").asString());
			}
		}
		return ids;
	}

	/**
	 * Whether, within each journal, the entries appear in increasing sequence order (a
	 * repeated entry, as a device may receive after a reconnect, does not count as out of
	 * order).
	 */
	public boolean inJournalOrder() {
		Map<String, Long> last = new HashMap<>();
		for (JsonNode entry : this.entries) {
			JsonNode chain = entry.path("coffer_chain");
			String journal = chain.path("journal").asString("");
			long seq = chain.path("seq").asLong(-1);
			Long previous = last.get(journal);
			if (previous != null && seq < previous) {
				Set<Long> seen = seqs(journal);
				if (!seen.contains(seq)) {
					return false;
				}
				continue;
			}
			last.put(journal, seq);
		}
		return true;
	}

	private Set<Long> seqs(String journal) {
		Set<Long> seqs = new LinkedHashSet<>();
		for (JsonNode entry : this.entries) {
			JsonNode chain = entry.path("coffer_chain");
			if (journal.equals(chain.path("journal").asString(""))) {
				seqs.add(chain.path("seq").asLong());
			}
		}
		return seqs;
	}

	private List<JsonNode> of(String type, String pathPrefix) {
		return this.entries.stream()
			.filter((entry) -> type.equals(entry.path("type").asString("")))
			.filter((entry) -> entry.at("/request/path").asString("").startsWith(pathPrefix))
			.toList();
	}

}
