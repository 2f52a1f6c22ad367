package io.coffer.audit.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.coffer.audit.config.AuditProperties;
import io.coffer.audit.device.DeliveredLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream's subscribers, by device path. Delivery {@link #publish publishes} each
 * batch once it is durable at the device; each subscriber has a bounded buffer and its
 * own sending thread, and one whose buffer is full is disconnected: a slow reader never
 * slows delivery.
 */
@Component
public class StreamHub {

	private static final Logger log = LoggerFactory.getLogger(StreamHub.class);

	private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final AuditProperties properties;

	public StreamHub(AuditProperties properties) {
		this.properties = properties;
	}

	/** A new subscriber to {@code path}'s lines from now on. */
	public SseEmitter subscribe(String path) {
		long timeout = this.properties.stream().timeout().toMillis();
		SseEmitter emitter = new SseEmitter((timeout > 0) ? timeout : -1L);
		Subscriber subscriber = new Subscriber(path, emitter, this.properties.stream().buffer());
		this.subscribers.computeIfAbsent(path, (key) -> ConcurrentHashMap.newKeySet()).add(subscriber);
		emitter.onCompletion(subscriber::stop);
		emitter.onTimeout(subscriber::stop);
		emitter.onError((ex) -> subscriber.stop());
		Thread.ofVirtual().name("audit-stream-" + path).start(subscriber::run);
		return emitter;
	}

	/** How many subscribers {@code path} has. */
	public int subscribers(String path) {
		Set<Subscriber> set = this.subscribers.get(path);
		return (set != null) ? set.size() : 0;
	}

	/** Hands lines delivered to {@code path} to its subscribers, never waiting. */
	public void publish(String path, List<DeliveredLine> lines) {
		Set<Subscriber> set = this.subscribers.get(path);
		if (set == null || set.isEmpty()) {
			return;
		}
		for (Subscriber subscriber : set) {
			for (DeliveredLine line : lines) {
				if (!subscriber.offer(line.line())) {
					log.info("audit stream subscriber of {} fell {} lines behind: disconnected", path,
							this.properties.stream().buffer());
					subscriber.stop();
					break;
				}
			}
		}
	}

	private final class Subscriber {

		private static final String STOP = new String("stop");

		private final String path;

		private final SseEmitter emitter;

		private final BlockingQueue<String> queue;

		private volatile boolean stopped;

		Subscriber(String path, SseEmitter emitter, int buffer) {
			this.path = path;
			this.emitter = emitter;
			this.queue = new ArrayBlockingQueue<>(Math.max(buffer, 1) + 1);
		}

		boolean offer(String line) {
			return !this.stopped && this.queue.remainingCapacity() > 1 && this.queue.offer(line);
		}

		void stop() {
			if (!this.stopped) {
				this.stopped = true;
				Set<Subscriber> set = StreamHub.this.subscribers.get(this.path);
				if (set != null) {
					set.remove(this);
				}
				this.queue.offer(STOP);
			}
		}

		void run() {
			try {
				this.emitter.send(SseEmitter.event().comment("audit stream of " + this.path));
				while (!this.stopped) {
					String line = this.queue.poll(15, TimeUnit.SECONDS);
					if (line == null) {
						this.emitter.send(SseEmitter.event().comment("keep-alive"));
					}
					else if (line != STOP) {
						this.emitter.send(SseEmitter.event().data(line, MediaType.TEXT_PLAIN));
					}
				}
				this.emitter.complete();
			}
			catch (IOException | IllegalStateException ex) {
				stop();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop();
			}
		}

	}

}
