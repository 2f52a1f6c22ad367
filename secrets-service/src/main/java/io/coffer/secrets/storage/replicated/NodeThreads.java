package io.coffer.secrets.storage.replicated;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.hazelcast.topic.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The threads of one node and their orderly (or abrupt) stop. */
final class NodeThreads {

	private static final Logger logger = LoggerFactory.getLogger(NodeThreads.class);

	private final NodeRuntime runtime;

	private final SnapshotSource snapshots;

	private final Follower follower;

	private final Election election;

	private final Committer committer;

	private final CpMembership membership;

	private final ClusterWatch watch;

	private final CpRecovery recovery;

	private final ScheduledExecutorService maintenance;

	private final List<Thread> threads;

	NodeThreads(NodeRuntime runtime, SnapshotSource snapshots) {
		this.runtime = runtime;
		this.snapshots = snapshots;
		this.follower = new Follower(runtime, new Seeder(runtime),
				new ReplicaCopier(runtime.hazelcast, runtime.replica));
		this.election = new Election(runtime, this.follower);
		this.committer = new Committer(runtime);
		this.watch = new ClusterWatch(runtime);
		this.membership = new CpMembership(runtime, this.watch);
		this.recovery = new CpRecovery(runtime, this.watch);
		String prefix = "coffer-storage-" + runtime.nodeId() + "-";
		// CP calls can block for long while CP has no majority: the status and the
		// recovery check must still run, so each periodic task has room
		this.maintenance = Executors.newScheduledThreadPool(5,
				Thread.ofPlatform().daemon().name(prefix + "maintenance-", 0).factory());
		this.threads = List.of(Thread.ofPlatform().daemon().name(prefix + "follower").unstarted(this.follower),
				Thread.ofPlatform().daemon().name(prefix + "election").unstarted(this.election),
				Thread.ofPlatform().daemon().name(prefix + "committer").unstarted(this.committer));
	}

	Election election() {
		return this.election;
	}

	CpMembership membership() {
		return this.membership;
	}

	ClusterWatch watch() {
		return this.watch;
	}

	Committer committer() {
		return this.committer;
	}

	void start() {
		this.runtime.hints().addMessageListener(this::onHint);
		this.runtime.reports()
			.addMessageListener((message) -> this.runtime.progress.onReport(message.getMessageObject()));
		this.watch.start(this::ownStatus);
		this.threads.forEach(Thread::start);
		every(Duration.ofSeconds(1), this.watch::publish);
		every(Duration.ofSeconds(1), () -> {
			try {
				this.recovery.check();
			}
			catch (RuntimeException ex) {
				logger.warn("CP recovery check failed on node {}: {}", this.runtime.nodeId(), ex.toString());
			}
		});
		every(Duration.ofSeconds(1), this.runtime::report);
		every(Duration.ofMillis(500), () -> {
			if (this.runtime.cpReady()) {
				this.runtime.refreshKnownActive();
			}
		});
		every(Duration.ofSeconds(1), () -> {
			try {
				this.membership.check();
			}
			catch (RuntimeException ex) {
				logger.warn("CP membership check failed on node {}: {}", this.runtime.nodeId(), ex.toString());
			}
		});
		every(Duration.ofSeconds(10), this.snapshots::expireIdle);
	}

	private NodeStatus ownStatus() {
		return new NodeStatus(this.runtime.nodeId(), this.runtime.member(), this.runtime.settings.cluster().address(),
				this.membership.localCpMember(), this.membership.isVoting(), this.election.joined(),
				this.follower.ready() || this.runtime.isActive(), this.runtime.replica.position());
	}

	void stopGracefully() {
		this.election.leave();
		this.election.stop();
		join(this.threads.get(1), Duration.ofSeconds(3));
		stopNow();
	}

	void stopNow() {
		this.election.stop();
		this.follower.stop();
		this.committer.stop();
		this.maintenance.shutdownNow();
		this.threads.forEach(Thread::interrupt);
	}

	void awaitStopped() {
		this.threads.forEach((t) -> join(t, Duration.ofSeconds(10)));
		try {
			this.maintenance.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void onHint(Message<byte[]> message) {
		if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
			return;
		}
		try {
			this.follower.offer(LogCodec.decode(message.getMessageObject()));
		}
		catch (LogCodec.CorruptEntryException ex) {
			logger.warn("Ignoring a corrupt log broadcast: {}", ex.getMessage());
		}
	}

	private void every(Duration period, Runnable task) {
		this.maintenance.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Storage maintenance task failed on node {}: {}", this.runtime.nodeId(), ex.toString());
			}
		}, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void join(Thread thread, Duration timeout) {
		try {
			thread.join(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
