package io.coffer.secrets.storage.replicated;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest applied position reported by every node, and the writes waiting for a
 * majority of them. A write of entry n in epoch E is acknowledged once a majority of the
 * configured nodes reports a position in E at index ≥ n. Every node keeps this (reports
 * are broadcast), so a write committed just before its node lost the active role still
 * completes when the followers apply it.
 */
final class ReplicationProgress {

	private static final Logger logger = LoggerFactory.getLogger(ReplicationProgress.class);

	private final int majority;

	private final LogAuth auth;

	private final java.util.Set<String> refused = new java.util.HashSet<>();

	private final Map<String, AppliedReport> reports = new HashMap<>();

	private final TreeMap<Long, List<Waiter>> waiting = new TreeMap<>();

	ReplicationProgress(int majority, LogAuth auth) {
		this.majority = majority;
		this.auth = auth;
	}

	/**
	 * A report from another node: with the log key only a report whose MAC verifies
	 * counts (a forged, replayed-for-another-member or unsigned one is dropped and
	 * logged); without it (sealed) reports are only hints for choosing a peer to read
	 * from, and complete nothing, because a node without the key writes nothing.
	 */
	synchronized boolean receive(AppliedReport report) {
		if (this.auth.keyed() && !this.auth.verifyReport(report.body(), report.mac())) {
			// unsigned: a sealed node (normal); a bad MAC: forged or replayed (logged
			// once
			// per node and member)
			if (report.mac() != null && this.refused.add(report.nodeId() + "@" + report.member())) {
				logger.warn("Refused an applied report for node {} at {}: its HMAC does not verify with this node's "
						+ "log key (forged or replayed)", report.nodeId(), report.position());
			}
			return false;
		}
		onReport(report);
		return this.auth.keyed();
	}

	synchronized void onReport(AppliedReport report) {
		AppliedReport known = this.reports.get(report.nodeId());
		boolean stale = known != null && known.member().equals(report.member())
				&& known.position().epoch().equals(report.position().epoch())
				&& known.position().index() > report.position().index();
		if (!stale) {
			this.reports.put(report.nodeId(), report);
			completeReady();
		}
	}

	/** Completes {@code done} once a majority has applied {@code entry}. */
	synchronized void awaitMajority(Position entry, CompletableFuture<Void> done) {
		this.waiting.computeIfAbsent(entry.index(), (i) -> new ArrayList<>()).add(new Waiter(entry.epoch(), done));
		completeReady();
	}

	synchronized Collection<AppliedReport> reports() {
		return List.copyOf(this.reports.values());
	}

	synchronized void forgetAll() {
		this.reports.clear();
	}

	synchronized void forget(String nodeId) {
		this.reports.remove(nodeId);
	}

	/** Fails every waiting write, e.g. on shutdown. */
	synchronized void failAll(RuntimeException cause) {
		this.waiting.values().forEach((list) -> list.forEach((w) -> w.done().completeExceptionally(cause)));
		this.waiting.clear();
	}

	private void completeReady() {
		Iterator<Map.Entry<Long, List<Waiter>>> it = this.waiting.entrySet().iterator();
		while (it.hasNext()) {
			Map.Entry<Long, List<Waiter>> next = it.next();
			next.getValue()
				.removeIf((w) -> w.done().isDone()
						|| (majorityIndex(w.epoch()) >= next.getKey() && w.done().complete(null)));
			if (next.getValue().isEmpty()) {
				it.remove();
			}
		}
	}

	private long majorityIndex(Epoch epoch) {
		List<Long> indexes = new ArrayList<>();
		for (AppliedReport report : this.reports.values()) {
			if (report.position().epoch().equals(epoch)) {
				indexes.add(report.position().index());
			}
		}
		// right after sys/init only this node holds the log key (see LogAuth#useNew)
		int needed = this.auth.alone() ? 1 : this.majority;
		if (indexes.size() < needed) {
			return -1;
		}
		indexes.sort((a, b) -> Long.compare(b, a));
		return indexes.get(needed - 1);
	}

	private record Waiter(Epoch epoch, CompletableFuture<Void> done) {
	}

}
