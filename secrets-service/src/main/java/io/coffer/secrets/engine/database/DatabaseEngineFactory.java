package io.coffer.secrets.engine.database;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.engine.EngineFactory;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.SealEvent;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.router.MountSource;
import io.coffer.secrets.storage.HaCluster;

/**
 * Creates database engines (mount type {@code database}) and owns what outlives a
 * request: the engines' connection pools (closed when a mount's engine is rebuilt, when
 * their config is gone from storage, and when the node seals) and the scheduler that
 * rotates static roles, which does its work only while this node is the active one,
 * building the engine of every database mount there as Vault initializes its backends.
 */
@Component
public class DatabaseEngineFactory implements EngineFactory, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DatabaseEngineFactory.class);

	/** Vault's rotation queue tick. */
	private static final Duration TICK = Duration.ofSeconds(5);

	private final Clock clock;

	private final SecureRandom random;

	private final BooleanSupplier active;

	private final ScheduledExecutorService scheduler;

	/** The live engine of each mount (by mount uuid). */
	private final Map<String, DatabaseEngine> engines = new ConcurrentHashMap<>();

	/**
	 * Where the mounts come from, to build the engines of every database mount on the
	 * active node (a static role must rotate even when nobody used its mount since this
	 * node became active); empty in tests that create engines themselves.
	 */
	private volatile Supplier<List<MountSource>> sources = List::of;

	@Autowired
	public DatabaseEngineFactory(Clock clock, SecureRandom random, HaCluster ha, ObjectProvider<MountSource> sources) {
		this(clock, random, ha::isActive, TICK);
		// Looked up at each tick, not now: the mount table's source is built from the
		// engine factories, this one included.
		this.sources = () -> sources.orderedStream().toList();
	}

	/**
	 * @param active whether this node may rotate static roles now (the active node)
	 * @param tick how often due static roles are looked for
	 */
	DatabaseEngineFactory(Clock clock, SecureRandom random, BooleanSupplier active, Duration tick) {
		this.clock = clock;
		this.random = random;
		this.active = active;
		this.scheduler = new ScheduledThreadPoolExecutor(2, new DaemonThreads());
		this.scheduler.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public Set<String> types() {
		return Set.of("database");
	}

	@Override
	public SecretEngine create(MountEntry mount, BarrierView view) {
		EngineContext context = new EngineContext(new DatabaseStore(view),
				new Connections(this.scheduler, "database-" + mount.accessor()), new CatalogWrites(this.random),
				this.clock, this.random);
		DatabaseEngine engine = new DatabaseEngine(context);
		DatabaseEngine previous = this.engines.put(mount.uuid(), engine);
		if (previous != null) {
			previous.close();
		}
		return engine;
	}

	/** A sealed node must hold no open connection with credentials from the barrier. */
	@EventListener
	void onSealed(SealEvent.Sealed event) {
		closeAll();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		closeAll();
	}

	/**
	 * One tick of the scheduler: rotates due static roles (on the active node only) and
	 * closes the pools of configs that no longer exist.
	 */
	void tick() {
		boolean rotate = this.active.getAsBoolean();
		if (rotate) {
			loadEngines();
		}
		for (DatabaseEngine engine : this.engines.values()) {
			try {
				engine.closeUnusedPools();
				if (rotate) {
					engine.rotateDueStaticRoles();
				}
			}
			catch (RuntimeException ex) {
				// Sealed meanwhile, or a mount whose data is gone: the next tick tries
				// again.
				log.debug("Static role rotation skipped: {}", ex.getClass().getSimpleName());
			}
		}
	}

	/**
	 * Builds the engine of every database mount that has none yet, so its static roles
	 * are rotated. (Engines of mounts that are gone stay registered until the node seals,
	 * holding no connection: their data, configs included, went with the mount, so the
	 * tick closed their pools.)
	 */
	private void loadEngines() {
		try {
			for (MountSource source : this.sources.get()) {
				for (MountEntry mount : source.mounts()) {
					if (types().contains(mount.type())) {
						source.engine(mount);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// Sealed meanwhile: the next tick tries again.
			log.debug("Database mounts not loaded: {}", ex.getClass().getSimpleName());
		}
	}

	private void closeAll() {
		this.engines.values().forEach(DatabaseEngine::close);
		this.engines.clear();
	}

	private static final class DaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "database-engine-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
