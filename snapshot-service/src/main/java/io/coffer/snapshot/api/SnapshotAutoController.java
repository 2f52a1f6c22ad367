package io.coffer.snapshot.api;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.snapshot.node.NodeClient;
import io.coffer.support.node.NodeRefusedException;
import io.coffer.support.node.NodeUnavailableException;
import io.coffer.snapshot.policy.PolicyParser;
import io.coffer.snapshot.policy.SnapshotPolicy;
import io.coffer.snapshot.schedule.Ticks;
import io.coffer.snapshot.settings.SnapshotProperties;
import io.coffer.snapshot.target.SnapshotTargets;
import io.coffer.snapshot.target.StoredSnapshot;
import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.vault.VaultRequest;
import io.coffer.support.web.vault.VaultResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault Enterprise's {@code sys/storage/raft/snapshot-auto}: {@code config/<name>} write,
 * read, delete; LIST {@code config}; read {@code status/<name>}. The configurations live
 * behind the barrier on the active node, so every instance sees the same ones. Writing a
 * configuration starts its schedule afresh: the first snapshot is taken at the next tick.
 */
@RestController
public class SnapshotAutoController {

	private static final Logger log = LoggerFactory.getLogger(SnapshotAutoController.class);

	private static final String CONFIG = "sys/storage/raft/snapshot-auto/config";

	private static final String STATUS = "sys/storage/raft/snapshot-auto/status";

	private final NodeClient node;

	private final PolicyParser parser;

	private final JsonLimits limits;

	private final SnapshotTargets targets;

	private final Clock clock;

	public SnapshotAutoController(NodeClient node, SnapshotProperties properties, SnapshotTargets targets,
			JsonLimits limits, Clock clock) {
		this.node = node;
		this.targets = targets;
		this.parser = new PolicyParser(properties.minInterval());
		this.limits = limits;
		this.clock = clock;
	}

	@RequestMapping({ "/v1/" + CONFIG, "/v1/" + CONFIG + "/", "/v1/" + CONFIG + "/**" })
	ResponseEntity<Object> config(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		String name = request.below(CONFIG);
		String requestId = RequestIdFilter.of(http);
		if (name.isEmpty()) {
			request.requireOperation("list");
			return VaultResponses.keys(requestId, relay(this.node::names));
		}
		PolicyParser.name(name);
		return switch (request.operation()) {
			case "read" -> VaultResponses.data(requestId, SnapshotPolicy.readable(entry(name).config()));
			case "write" -> {
				Map<String, Object> existing = relay(() -> this.node.entry(name)).map(AutoSnapshotEntry::config)
					.orElse(Map.of());
				SnapshotPolicy policy = this.parser.parse(name, existing, request.fields());
				long tick = Ticks.current(this.clock.instant(), policy.intervalSeconds());
				relay(() -> {
					this.node.put(name, new AutoSnapshotPut(policy.fields(), tick));
					return null;
				});
				log.info("Automated snapshot config {} written (every {} s, keep {}, {})", name,
						policy.intervalSeconds(), policy.retain(), policy.storageType());
				yield VaultResponses.noContent();
			}
			case "delete" -> {
				relay(() -> {
					this.node.delete(name);
					return null;
				});
				yield VaultResponses.noContent();
			}
			default -> throw new VaultErrorException(405, "unsupported operation");
		};
	}

	@RequestMapping({ "/v1/" + STATUS + "/**" })
	ResponseEntity<Object> status(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("read");
		String name = PolicyParser.name(request.below(STATUS));
		AutoSnapshotEntry entry = entry(name);
		SnapshotPolicy policy = PolicyParser.stored(name, entry.config());
		Instant now = this.clock.instant();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("consecutive_errors", entry.status().getOrDefault("consecutive_errors", 0));
		for (String field : List.of("last_snapshot_start", "last_snapshot_end", "last_snapshot_error",
				"last_snapshot_url", "snapshot_start", "snapshot_url")) {
			data.put(field, entry.status().getOrDefault(field, ""));
		}
		data.put("next_snapshot_start",
				VaultResponses.time(Ticks.next(entry.claimedTick(), now, policy.intervalSeconds())));
		data.put("snapshots", snapshots(policy));
		data.put("verification", entry.status().getOrDefault("verification", Map.of()));
		return VaultResponses.data(RequestIdFilter.of(http), data);
	}

	@RequestMapping({ "/v1/sys/storage/raft/snapshot-auto", "/v1/sys/storage/raft/snapshot-auto/**" })
	ResponseEntity<Object> other(HttpServletRequest http) {
		throw new VaultErrorException(404, "unsupported path");
	}

	private AutoSnapshotEntry entry(String name) {
		return relay(() -> this.node.entry(name)).orElseThrow(() -> new VaultErrorException(404, List.of()));
	}

	/** The snapshots kept now, newest first, as seen from this instance. */
	private List<String> snapshots(SnapshotPolicy policy) {
		return this.targets.listQuietly(policy).stream().map(StoredSnapshot::url).toList();
	}

	private static <T> T relay(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (NodeRefusedException ex) {
			throw new VaultErrorException(ex.status(), ex.getMessage());
		}
		catch (NodeUnavailableException ex) {
			throw new VaultErrorException(503, "no active secrets node: " + ex.getMessage());
		}
	}

}
