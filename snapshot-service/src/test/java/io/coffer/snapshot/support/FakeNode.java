package io.coffer.snapshot.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.snapshot.SnapshotManifest;
import io.coffer.common.snapshotauto.AutoSnapshotEntry;
import io.coffer.common.snapshotauto.AutoSnapshotPut;
import io.coffer.common.snapshotauto.SnapshotAutoPaths;
import io.coffer.common.snapshotauto.SnapshotVerification;
import io.coffer.common.snapshotauto.TickClaim;
import io.coffer.support.snapshot.InvalidSnapshotException;
import io.coffer.support.snapshot.SnapshotReader;
import io.coffer.support.snapshot.SnapshotWriter;
import io.coffer.support.snapshot.StateWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The active secrets node's snapshot-auto endpoints, in memory, for tests only: the
 * configurations with the same check-and-set tick claim as the node's, and a snapshot
 * endpoint serving a real archive made with {@link SnapshotWriter} (or a damaged copy of
 * it).
 */
public final class FakeNode implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, AutoSnapshotEntry> entries = new TreeMap<>();

	private final AtomicInteger snapshotsServed = new AtomicInteger();

	private final byte[] archive;

	private volatile boolean corrupt;

	private volatile boolean undecryptable;

	private final AtomicInteger verified = new AtomicInteger();

	public FakeNode() {
		try {
			this.archive = archive(40);
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext(SnapshotAutoPaths.CONFIGS, this::configs);
		this.server.createContext(SnapshotAutoPaths.SNAPSHOT, this::snapshot);
		this.server.createContext(SnapshotAutoPaths.VERIFY, this::verify);
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public synchronized void reset() {
		this.entries.clear();
		this.snapshotsServed.set(0);
		this.corrupt = false;
		this.undecryptable = false;
		this.verified.set(0);
	}

	/**
	 * Answers verifications as a node whose barrier cannot decrypt an entry of the
	 * snapshot (framing and checksums intact).
	 */
	public void undecryptableSnapshots(boolean undecryptable) {
		this.undecryptable = undecryptable;
	}

	/** Snapshots received for verification that passed the archive checks. */
	public int snapshotsVerified() {
		return this.verified.get();
	}

	/** Serves a snapshot with one byte flipped in the middle (same length). */
	public void corruptSnapshots(boolean corrupt) {
		this.corrupt = corrupt;
	}

	public int snapshotsServed() {
		return this.snapshotsServed.get();
	}

	public long archiveSize() {
		return this.archive.length;
	}

	public synchronized AutoSnapshotEntry entry(String name) {
		return this.entries.get(name);
	}

	private void configs(HttpExchange exchange) throws IOException {
		String rest = exchange.getRequestURI().getPath().substring(SnapshotAutoPaths.CONFIGS.length());
		String method = exchange.getRequestMethod();
		byte[] body = exchange.getRequestBody().readAllBytes();
		synchronized (this) {
			if (rest.isEmpty()) {
				reply(exchange, 200, JSON.writeValueAsBytes(new ArrayList<>(this.entries.keySet())));
				return;
			}
			String name = rest.substring(1);
			if (name.endsWith(SnapshotAutoPaths.CLAIM_SUFFIX)) {
				claim(exchange, name.substring(0, name.length() - SnapshotAutoPaths.CLAIM_SUFFIX.length()), body);
			}
			else if (name.endsWith(SnapshotAutoPaths.STATUS_SUFFIX)) {
				String config = name.substring(0, name.length() - SnapshotAutoPaths.STATUS_SUFFIX.length());
				AutoSnapshotEntry entry = this.entries.get(config);
				if (entry == null) {
					reply(exchange, 404, "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
					return;
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> status = JSON.readValue(body, Map.class);
				this.entries.put(config, new AutoSnapshotEntry(config, entry.config(), entry.claimedTick(), status));
				reply(exchange, 204, null);
			}
			else {
				one(exchange, method, name, body);
			}
		}
	}

	private void one(HttpExchange exchange, String method, String name, byte[] body) throws IOException {
		AutoSnapshotEntry entry = this.entries.get(name);
		switch (method) {
			case "GET" -> {
				if (entry == null) {
					reply(exchange, 404, "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
				}
				else {
					reply(exchange, 200, JSON.writeValueAsBytes(entry));
				}
			}
			case "PUT" -> {
				AutoSnapshotPut put = JSON.readValue(body, AutoSnapshotPut.class);
				this.entries.put(name, new AutoSnapshotEntry(name, put.config(), put.claimedTick(),
						(entry != null) ? entry.status() : Map.of()));
				reply(exchange, 204, null);
			}
			case "DELETE" -> {
				this.entries.remove(name);
				reply(exchange, 204, null);
			}
			default -> reply(exchange, 405, null);
		}
	}

	private void claim(HttpExchange exchange, String name, byte[] body) throws IOException {
		AutoSnapshotEntry entry = this.entries.get(name);
		if (entry == null) {
			reply(exchange, 404, "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8));
			return;
		}
		long tick = JSON.readValue(body, TickClaim.class).tick();
		TickClaim answer;
		if (tick <= entry.claimedTick()) {
			answer = new TickClaim(entry.claimedTick(), false);
		}
		else {
			this.entries.put(name, new AutoSnapshotEntry(name, entry.config(), tick, entry.status()));
			answer = new TickClaim(tick, true);
		}
		reply(exchange, 200, JSON.writeValueAsBytes(answer));
	}

	private void snapshot(HttpExchange exchange) throws IOException {
		this.snapshotsServed.incrementAndGet();
		byte[] content = this.archive.clone();
		if (this.corrupt) {
			content[content.length / 2] ^= 0x5a;
		}
		exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
		reply(exchange, 200, content);
	}

	/**
	 * As a node: the archive is checked as a restore reads it; a real node also decrypts
	 * every barrier entry, which this one only pretends to fail when told to.
	 */
	private void verify(HttpExchange exchange) throws IOException {
		Path received = Files.createTempFile("fake-node-verify", ".snap");
		try (InputStream body = exchange.getRequestBody()) {
			Files.copy(body, received, StandardCopyOption.REPLACE_EXISTING);
			SnapshotManifest manifest = SnapshotReader.verify(received);
			if (this.undecryptable) {
				reply(exchange, 400, JSON.writeValueAsBytes(Map.of("errors",
						List.of("snapshot entries do not decrypt: integrity check failed for logical/kv/app-0007"))));
				return;
			}
			this.verified.incrementAndGet();
			reply(exchange, 200, JSON.writeValueAsBytes(new SnapshotVerification(manifest.clusterId(),
					manifest.logIndex(), manifest.entryCount(), manifest.entryCount(), 0, 1, 3)));
		}
		catch (InvalidSnapshotException ex) {
			reply(exchange, 400,
					JSON.writeValueAsBytes(Map.of("errors", List.of("invalid snapshot: " + ex.getMessage()))));
		}
		finally {
			Files.deleteIfExists(received);
		}
	}

	private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
		if (body == null) {
			exchange.sendResponseHeaders(status, -1);
		}
		else {
			if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
			}
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		exchange.close();
	}

	/** A real snapshot archive of {@code entries} pairs, as a node writes one. */
	static byte[] archive(int entries) throws IOException {
		Path state = Files.createTempFile("fake-node-state", ".bin");
		try {
			StateWriter writer;
			try (OutputStream out = Files.newOutputStream(state)) {
				writer = new StateWriter(out);
				for (int i = 0; i < entries; i++) {
					writer.write(String.format("logical/kv/app-%04d", i), ("ciphertext-" + i).getBytes());
				}
				writer.flush();
			}
			SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, "cluster-test",
					"coffer-test", "node1", 1, 42, 1, writer.entries(), writer.sha256(), writer.size(),
					Instant.parse("2026-12-07T12:00:00Z"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			SnapshotWriter.write(out, manifest, state);
			return out.toByteArray();
		}
		finally {
			Files.deleteIfExists(state);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
