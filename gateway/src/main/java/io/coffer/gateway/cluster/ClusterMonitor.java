package io.coffer.gateway.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps a {@link ClusterView} of every secrets node: polls them in the background and
 * re-probes at once when a request finds the view wrong. Concurrent refreshes share one
 * probe round, so a burst of failing requests does not multiply health calls.
 */
public class ClusterMonitor implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ClusterMonitor.class);

	private final List<URI> nodes;

	private final HealthProbe probe;

	private final Duration interval;

	private final AtomicReference<ClusterView> view;

	private final AtomicReference<Mono<ClusterView>> inFlight = new AtomicReference<>();

	private final List<Consumer<ClusterView>> listeners = new CopyOnWriteArrayList<>();

	private volatile Disposable poller;

	public ClusterMonitor(List<URI> nodes, HealthProbe probe, Duration interval) {
		this.nodes = List.copyOf(nodes);
		this.probe = probe;
		this.interval = interval;
		this.view = new AtomicReference<>(ClusterView.unknown(nodes));
	}

	public List<URI> nodes() {
		return this.nodes;
	}

	/** Calls {@code listener} with the view of every completed probe round. */
	public void addListener(Consumer<ClusterView> listener) {
		this.listeners.add(listener);
	}

	/** The view of the last completed probe round. */
	public ClusterView current() {
		return this.view.get();
	}

	/**
	 * Probes every node now (or joins the round already running) and returns its view.
	 */
	public Mono<ClusterView> refresh() {
		return Mono.defer(() -> {
			Mono<ClusterView> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			AtomicReference<Mono<ClusterView>> self = new AtomicReference<>();
			// The round is released before its result is emitted, so that whoever reacts
			// to
			// that result with another refresh gets a new round, not this finished one.
			Mono<ClusterView> round = probeAll().doOnNext(this::publish)
				.doOnNext((fresh) -> this.inFlight.compareAndSet(self.get(), null))
				.doFinally((signal) -> this.inFlight.compareAndSet(self.get(), null))
				.cache();
			self.set(round);
			return this.inFlight.compareAndSet(null, round) ? round : refresh();
		});
	}

	private Mono<ClusterView> probeAll() {
		return Flux.fromIterable(this.nodes).flatMapSequential(this.probe::probe).collectList().map(ClusterView::new);
	}

	private void publish(ClusterView fresh) {
		ClusterView previous = this.view.getAndSet(fresh);
		for (NodeStatus status : fresh.nodes()) {
			NodeState before = previous.stateOf(status.node());
			if (before != status.state()) {
				logger.info("Secrets node {} is now {} (was {})", status.node(), status.state(), before);
			}
		}
		this.listeners.forEach((listener) -> listener.accept(fresh));
	}

	@Override
	public void start() {
		this.poller = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> refresh(), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable running = this.poller;
		if (running != null) {
			running.dispose();
		}
		this.poller = null;
	}

	@Override
	public boolean isRunning() {
		return this.poller != null && !this.poller.isDisposed();
	}

}
