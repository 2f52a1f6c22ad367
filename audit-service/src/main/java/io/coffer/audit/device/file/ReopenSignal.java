package io.coffer.audit.device.file;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Vault's {@code SIGHUP}: file devices reopen their files (after a log rotation that
 * moved them). It counts the signals; each {@link FileSink} reopens before its next write
 * when the count moved. Registered through {@code sun.misc.Signal} when the JVM has it
 * (and lets this process take HUP); otherwise the file devices still reopen when their
 * path's file changes, which covers rotation.
 */
@Component
public class ReopenSignal {

	private static final Logger log = LoggerFactory.getLogger(ReopenSignal.class);

	private final AtomicLong generation = new AtomicLong();

	public ReopenSignal() {
		register();
	}

	/** Asks every file device to reopen (what a SIGHUP does). */
	public void raise() {
		this.generation.incrementAndGet();
	}

	/** How many reopens were asked for so far. */
	public long generation() {
		return this.generation.get();
	}

	private void register() {
		try {
			Class<?> signal = Class.forName("sun.misc.Signal");
			Class<?> handler = Class.forName("sun.misc.SignalHandler");
			Constructor<?> constructor = signal.getConstructor(String.class);
			Object hup = constructor.newInstance("HUP");
			Object onHup = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] { handler },
					(proxy, method, args) -> {
						if ("handle".equals(method.getName())) {
							log.info("SIGHUP: the file audit devices reopen their files");
							raise();
							return null;
						}
						return switch (method.getName()) {
							case "hashCode" -> System.identityHashCode(proxy);
							case "equals" -> proxy == args[0];
							default -> "ReopenSignal";
						};
					});
			Method handle = signal.getMethod("handle", signal, handler);
			handle.invoke(null, hup, onHup);
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			log.info("SIGHUP cannot be handled here ({}); file audit devices reopen on rotation only", ex.toString());
		}
	}

}
