package io.coffer.audit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.AuditDeviceEnable;
import io.coffer.common.audit.AuditHash;
import io.coffer.common.audit.AuditHashRequest;
import io.coffer.common.audit.AuditPaths;
import io.coffer.common.audit.ChainReport;
import io.coffer.common.audit.JournalAck;
import io.coffer.common.audit.JournalClaim;
import io.coffer.common.audit.JournalLine;
import io.coffer.common.audit.JournalPage;
import io.coffer.common.audit.JournalState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A secrets node's audit endpoints, in memory, for tests only: the device table, the
 * hash, and a journal with claims, long-polled pages and acks as the protocol
 * ({@code io.coffer.common.audit}) describes them.
 */
public final class FakeNode implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, AuditDevice> devices = new LinkedHashMap<>();

	private final List<Entry> entries = new ArrayList<>();

	private final Map<String, Long> delivered = new HashMap<>();

	private final List<JournalAck> acks = new ArrayList<>();

	private final String journal;

	private String holder;

	private long claimExpires;

	private String refuseNextEnable;

	private record Entry(long seq, String requestId, Map<String, String> lines) {
	}

	public FakeNode(String journal) {
		this.journal = journal;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/internal/audit", this::handle);
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * Journals an entry with a line for each device of {@code lines}; answers its seq.
	 */
	public synchronized long append(String requestId, Map<String, String> lines) {
		long seq = this.entries.size() + 1;
		this.entries.add(new Entry(seq, requestId, Map.copyOf(lines)));
		notifyAll();
		return seq;
	}

	public synchronized long head() {
		return this.entries.size();
	}

	public synchronized long delivered(String device) {
		return this.delivered.getOrDefault(device, 0L);
	}

	public synchronized List<JournalAck> acks() {
		return List.copyOf(this.acks);
	}

	public synchronized String holder() {
		return this.holder;
	}

	public synchronized Map<String, AuditDevice> devices() {
		return Map.copyOf(this.devices);
	}

	/** Enables a device as the active node would. */
	public synchronized void enable(AuditDevice device) {
		this.devices.put(device.path(), device);
	}

	public synchronized void disable(String path) {
		this.devices.remove(path);
	}

	/**
	 * The next enable is refused with 400 and this error (as a node that got there
	 * first).
	 */
	public synchronized void refuseNextEnable(String error) {
		this.refuseNextEnable = error;
	}

	public synchronized void reset() {
		this.devices.clear();
		this.refuseNextEnable = null;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String method = exchange.getRequestMethod();
			byte[] body = exchange.getRequestBody().readAllBytes();
			Object answer;
			int status = 200;
			if (path.startsWith(AuditPaths.DEVICES)) {
				String device = URLDecoder.decode(path.substring(AuditPaths.DEVICES.length()).replaceFirst("^/", ""),
						StandardCharsets.UTF_8);
				if ("GET".equals(method)) {
					answer = devices().values().stream().toList();
				}
				else if ("PUT".equals(method)) {
					String refusal = enableFromWire(device, JSON.readValue(body, AuditDeviceEnable.class));
					if (refusal != null) {
						status = 400;
						answer = Map.of("errors", List.of(refusal));
					}
					else {
						status = 204;
						answer = null;
					}
				}
				else {
					disable(device);
					status = 204;
					answer = null;
				}
			}
			else if (path.startsWith(AuditPaths.HASH)) {
				String device = path.substring(AuditPaths.HASH.length() + 1);
				if (!devices().containsKey(device)) {
					status = 400;
					answer = Map.of("errors", List.of("unknown audit backend " + device));
				}
				else {
					String input = JSON.readValue(body, AuditHashRequest.class).input();
					answer = new AuditHash("hmac-sha256:" + device + ":" + input.length());
				}
			}
			else if (path.equals(AuditPaths.JOURNAL_CLAIM)) {
				answer = claim(JSON.readValue(body, JournalClaim.class));
			}
			else if (path.equals(AuditPaths.JOURNAL_LINES)) {
				Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
				answer = page(query.get("device"), Long.parseLong(query.get("after")),
						Integer.parseInt(query.get("limit")), Long.parseLong(query.get("wait")));
			}
			else if (path.equals(AuditPaths.JOURNAL_ACK)) {
				if (!ack(JSON.readValue(body, JournalAck.class))) {
					status = 409;
					answer = Map.of("errors", List.of("not the claim's holder"));
				}
				else {
					status = 204;
					answer = null;
				}
			}
			else if (path.equals(AuditPaths.JOURNAL_VERIFY)) {
				answer = ChainReport.intact(head());
			}
			else if (path.equals(AuditPaths.JOURNAL_STATE)) {
				answer = state();
			}
			else {
				status = 404;
				answer = Map.of("errors", List.of());
			}
			if (answer == null) {
				exchange.sendResponseHeaders(status, -1);
			}
			else {
				byte[] json = JSON.writeValueAsBytes(answer);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(status, json.length);
				exchange.getResponseBody().write(json);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized String enableFromWire(String path, AuditDeviceEnable enable) {
		if (this.refuseNextEnable != null) {
			String refusal = this.refuseNextEnable;
			this.refuseNextEnable = null;
			return refusal;
		}
		if (this.devices.containsKey(path)) {
			return "path already in use";
		}
		this.devices.put(path,
				new AuditDevice(path, enable.type(), enable.description(), enable.options(), enable.local()));
		return null;
	}

	private synchronized JournalClaim claim(JournalClaim ask) {
		long now = System.currentTimeMillis();
		if (this.holder == null || this.holder.equals(ask.instance()) || now > this.claimExpires) {
			this.holder = ask.instance();
			this.claimExpires = now + ask.ttlMillis();
		}
		return new JournalClaim(ask.instance(), ask.ttlMillis(), this.holder, this.holder.equals(ask.instance()));
	}

	private synchronized JournalState state() {
		Map<String, Long> positions = new HashMap<>();
		for (Entry entry : this.entries) {
			entry.lines().keySet().forEach((device) -> positions.put(device, delivered(device)));
		}
		return new JournalState(this.journal, "node-1", head(), positions, true, 0);
	}

	private synchronized JournalPage page(String device, long after, int limit, long wait) throws InterruptedException {
		long deadline = System.currentTimeMillis() + wait;
		while (true) {
			List<JournalLine> lines = new ArrayList<>();
			long next = after;
			for (int i = (int) after; i < this.entries.size() && lines.size() < limit; i++) {
				Entry entry = this.entries.get(i);
				String line = entry.lines().get(device);
				if (line != null) {
					lines.add(new JournalLine(entry.seq(), entry.requestId(), line));
				}
				next = entry.seq();
			}
			long left = deadline - System.currentTimeMillis();
			if (!lines.isEmpty() || left <= 0) {
				return new JournalPage(this.journal, lines, next, head());
			}
			wait(left);
		}
	}

	private synchronized boolean ack(JournalAck ack) {
		if (!ack.instance().equals(this.holder) || !this.journal.equals(ack.journal())) {
			return false;
		}
		this.acks.add(ack);
		this.delivered.merge(ack.device(), ack.seq(), Math::max);
		return true;
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

}
