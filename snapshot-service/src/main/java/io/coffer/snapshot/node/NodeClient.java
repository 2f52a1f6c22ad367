package io.coffer.snapshot.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.common.snapshotauto.SnapshotVerification;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.support.node.ActiveNodeCalls;
import io.coffer.support.node.NodeRefusedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The active secrets node's snapshot-auto endpoints ({@link SnapshotAutoPaths}), called
 * through service-support's {@link ActiveNodeCalls}: signed as caller {@code snapshot},
 * an unreachable, standby or sealed node skipped for the next.
 */
public class NodeClient {

	private final ActiveNodeCalls calls;

	private final JsonMapper json;

	private final Timeouts timeouts;

	/**
	 * @param call one configuration call
	 * @param snapshot until the node starts sending a snapshot
	 */
	public record Timeouts(Duration call, Duration snapshot) {
	}

	/** Reads a snapshot as the node streams it. */
	@FunctionalInterface
	public interface SnapshotSink<T> {

		T accept(InputStream content, long length) throws IOException;

	}

	public NodeClient(ActiveNodeCalls calls, JsonMapper json, Timeouts timeouts) {
		this.calls = calls;
		this.json = json;
		this.timeouts = timeouts;
	}

	/** The names of every configuration. */
	public List<String> names() {
		return Arrays.asList(read(call("GET", SnapshotAutoPaths.CONFIGS, null), String[].class, "list"));
	}

	public Optional<AutoSnapshotEntry> entry(String name) {
		try {
			return Optional.of(read(call("GET", one(name), null), AutoSnapshotEntry.class, "config"));
		}
		catch (NodeRefusedException ex) {
			if (ex.status() == 404) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	public void put(String name, AutoSnapshotPut put) {
		call("PUT", one(name), this.json.writeValueAsString(put));
	}

	public void delete(String name) {
		call("DELETE", one(name), null);
	}

	/** The check-and-set claim of a tick: the answer says whether this caller got it. */
	public TickClaim claim(String name, long tick) {
		String body = call("POST", one(name) + SnapshotAutoPaths.CLAIM_SUFFIX,
				this.json.writeValueAsString(new TickClaim(tick, false)));
		return read(body, TickClaim.class, "claim");
	}

	public void status(String name, Map<String, Object> status) {
		call("PUT", one(name) + SnapshotAutoPaths.STATUS_SUFFIX, this.json.writeValueAsString(status));
	}

	/**
	 * Takes a snapshot on the active node and hands its stream to {@code sink}.
	 * @throws IOException when reading the stream or the sink fails
	 */
	public <T> T snapshot(SnapshotSink<T> sink) throws IOException {
		HttpResponse<InputStream> response = this.calls.active(
				new ActiveNodeCalls.Call("GET", SnapshotAutoPaths.SNAPSHOT, null, this.timeouts.snapshot()),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream content = response.body()) {
			if (response.statusCode() != 200) {
				String error = new String(content.readNBytes(64 * 1024), StandardCharsets.UTF_8);
				throw new NodeRefusedException(response.statusCode(),
						this.calls.errorText(response.statusCode(), error));
			}
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			return sink.accept(content, length);
		}
	}

	/**
	 * Has a node check {@code archive} as a restore would and decrypt every barrier entry
	 * under its keyring ({@link SnapshotAutoPaths#VERIFY}); nothing is stored.
	 * @throws NodeRefusedException with the node's reason when the snapshot fails
	 */
	public SnapshotVerification verify(Path archive) {
		String body = this.calls
			.call(ActiveNodeCalls.Call.upload("POST", SnapshotAutoPaths.VERIFY, archive, this.timeouts.snapshot()));
		return read(body, SnapshotVerification.class, "verification");
	}

	private String call(String method, String path, String body) {
		return this.calls.call(new ActiveNodeCalls.Call(method, path, body, this.timeouts.call()));
	}

	private <T> T read(String body, Class<T> type, String what) {
		try {
			return this.json.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new NodeRefusedException(502, "the node answered an unreadable " + what);
		}
	}

	private static String one(String name) {
		return SnapshotAutoPaths.CONFIGS + "/" + name;
	}

}
