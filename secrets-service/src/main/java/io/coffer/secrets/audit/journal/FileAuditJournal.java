package io.coffer.secrets.audit.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.common.audit.ChainReport;
import io.coffer.common.audit.JournalLine;
import io.coffer.common.audit.JournalPage;
import io.coffer.common.audit.JournalState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit journal on plain files (see the package description): one writer
 * thread group-commits appends, readers page through a device's lines, acks drop whole
 * segments once every device with lines in them is past them. It never throws at start: a
 * directory it cannot open makes it refuse appends (and retry on the next one), so a node
 * with a broken audit disk still starts, as a standby.
 */
public final class FileAuditJournal implements AuditJournal, Closeable {

	private static final Logger log = LoggerFactory.getLogger(FileAuditJournal.class);

	private static final int MAX_GROUP = 4096;

	private final JournalProperties settings;

	private final Clock clock;

	private final SecureRandom random;

	private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	/** Guards {@link #segments} and each segment's index. */
	private final Object index = new Object();

	private final List<Segment> segments = new ArrayList<>();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong syncs = new AtomicLong();

	private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

	private final ReentrantLock headLock = new ReentrantLock();

	private final Condition headMoved = this.headLock.newCondition();

	private volatile long head;

	private volatile String id;

	private volatile Cursors cursors;

	private volatile boolean ioFailed = true;

	private volatile boolean full;

	private volatile Instant refusingSince;

	private volatile boolean running = true;

	// owned by the writer thread
	private ChainState chain;

	private FileChannel channel;

	public FileAuditJournal(JournalProperties settings, Clock clock, SecureRandom random) {
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.writer = Thread.ofPlatform().daemon().name("coffer-audit-journal").start(this::run);
		Pending opening = new Pending(null);
		this.queue.add(opening);
		try {
			// opened (or found unwritable) before anyone reads its state
			opening.done.get(settings.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("The audit journal in {} is not open yet: {}", settings.dir(), ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public long append(AuditRecord record) {
		if (!this.running) {
			throw new AuditJournalException("audit journal is closed");
		}
		Pending pending = new Pending(record);
		this.queue.add(pending);
		try {
			return pending.done.get(this.settings.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AuditJournalException refused) {
				throw new AuditJournalException(refused.getMessage(), refused);
			}
			throw new AuditJournalException("audit journal is unwritable", ex.getCause());
		}
		catch (TimeoutException ex) {
			refused();
			throw new AuditJournalException("audit journal did not make the entry durable in time");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditJournalException("interrupted while waiting for the audit journal");
		}
	}

	/**
	 * Asks the writer to retry a failed directory (a standby appends nothing, so it would
	 * otherwise never learn that the disk is back).
	 */
	public void probe() {
		this.queue.add(new Pending(null));
	}

	public String id() {
		return this.id;
	}

	public long head() {
		return this.head;
	}

	public long bytes() {
		return this.bytes.get();
	}

	/** How many readers are long-polling. */
	int waiting() {
		return this.waiting.get();
	}

	/** How many group commits (one fsync each) wrote entries. */
	long syncs() {
		return this.syncs.get();
	}

	/** False while appends are refused (unwritable or full). */
	public boolean writable() {
		return !this.ioFailed && !this.full;
	}

	/** Since when appends have been refused without one succeeding; empty when not. */
	public Optional<Instant> refusingSince() {
		return Optional.ofNullable(this.refusingSince);
	}

	public JournalState state(String node) {
		Map<String, Long> delivered = new TreeMap<>();
		Cursors positions = this.cursors;
		synchronized (this.index) {
			for (Segment segment : this.segments) {
				segment.devices()
					.forEach((device) -> delivered.put(device, positions != null ? positions.delivered(device) : 0));
			}
		}
		return new JournalState(this.id, node, this.head, delivered, writable(), this.bytes.get());
	}

	/**
	 * A device's durable lines after {@code after}, at most {@code limit}.
	 * @throws IOException when a segment cannot be read
	 */
	public JournalPage lines(String device, long after, int limit) throws IOException {
		long last = this.head;
		List<JournalLine> lines = new ArrayList<>();
		long next = after;
		for (Segment segment : snapshot()) {
			if (lines.size() >= limit) {
				break;
			}
			long to = Math.min(segment.lastSeq(), last);
			if (to <= next) {
				continue;
			}
			if (!segment.devices().contains(device)) {
				next = to;
				continue;
			}
			next = readInto(segment, device, Math.max(next + 1, segment.firstSeq()), to, limit, lines);
		}
		return new JournalPage(this.id, lines, Math.max(next, after), last);
	}

	/**
	 * Waits up to {@code waitMillis} for an entry after {@code after}; true when one is.
	 */
	public boolean awaitAfter(long after, long waitMillis) throws InterruptedException {
		long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
		this.headLock.lock();
		this.waiting.incrementAndGet();
		try {
			while (this.head <= after && nanos > 0 && this.running) {
				nanos = this.headMoved.awaitNanos(nanos);
			}
			return this.head > after;
		}
		finally {
			this.waiting.decrementAndGet();
			this.headLock.unlock();
		}
	}

	/**
	 * Records that a device has every line up to {@code seq} (durably), then drops the
	 * segments every device is past.
	 */
	public void ack(String device, long seq) throws IOException {
		Cursors positions = this.cursors;
		if (positions == null) {
			throw new IOException("audit journal is not open");
		}
		positions.advance(device, Math.min(seq, this.head));
		dropDelivered(positions);
	}

	/** Checks the whole journal's chains; see {@link JournalVerifier}. */
	public ChainReport verify() throws IOException {
		List<Path> files;
		synchronized (this.index) {
			files = this.segments.stream().map((s) -> s.path).toList();
		}
		return new JournalVerifier(this.id, this.head).verify(files);
	}

	@Override
	public void close() {
		this.running = false;
		this.writer.interrupt();
		try {
			this.writer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Pending pending;
		while ((pending = this.queue.poll()) != null) {
			pending.done.completeExceptionally(new AuditJournalException("audit journal is closed"));
		}
		signalHead();
	}

	private List<Segment> snapshot() {
		synchronized (this.index) {
			return List.copyOf(this.segments);
		}
	}

	private long readInto(Segment segment, String device, long from, long to, int limit, List<JournalLine> lines)
			throws IOException {
		long seq = from - 1;
		try (FileChannel reader = FileChannel.open(segment.path, StandardOpenOption.READ)) {
			long size = reader.size();
			for (seq = from; seq <= to; seq++) {
				long position;
				synchronized (this.index) {
					position = segment.offset(seq);
				}
				byte[] payload = Frames.read(reader, position, size);
				StoredRecord stored = (payload != null) ? StoredRecord.decode(ByteBuffer.wrap(payload)) : null;
				if (stored == null || stored.seq() != seq) {
					throw new IOException("audit journal entry " + seq + " is damaged");
				}
				String line = stored.lines().get(device);
				if (line != null) {
					lines.add(new JournalLine(seq, stored.requestId(), line));
					if (lines.size() >= limit) {
						return seq;
					}
				}
			}
			return to;
		}
		catch (NoSuchFileException ex) {
			// dropped meanwhile: every device (this one too) was past it
			return to;
		}
	}

	private void dropDelivered(Cursors positions) throws IOException {
		boolean freed = false;
		synchronized (this.index) {
			while (this.segments.size() > 1) {
				Segment oldest = this.segments.getFirst();
				boolean delivered = oldest.devices()
					.stream()
					.allMatch((device) -> positions.delivered(device) >= oldest.lastSeq());
				if (!delivered) {
					break;
				}
				Files.deleteIfExists(oldest.path);
				this.segments.removeFirst();
				this.bytes.addAndGet(-oldest.size());
				freed = true;
			}
		}
		if (freed && this.full) {
			this.full = false;
			if (!this.ioFailed) {
				this.refusingSince = null;
			}
			log.info("The audit journal has room again");
		}
	}

	private void refused() {
		if (this.refusingSince == null) {
			this.refusingSince = this.clock.instant();
		}
	}

	private void signalHead() {
		this.headLock.lock();
		try {
			this.headMoved.signalAll();
		}
		finally {
			this.headLock.unlock();
		}
	}

	// ---- the writer thread

	private void run() {
		List<Pending> group = new ArrayList<>();
		while (this.running) {
			try {
				group.add(this.queue.take());
				this.queue.drainTo(group, MAX_GROUP - 1);
				commit(group);
				group.forEach((p) -> p.done.complete(0L));
			}
			catch (InterruptedException ex) {
				break;
			}
			catch (RuntimeException ex) {
				log.error("The audit journal's writer failed", ex);
				group.forEach((p) -> p.done.completeExceptionally(new AuditJournalException("audit journal failed")));
			}
			finally {
				group.clear();
			}
		}
		closeChannel();
	}

	private void commit(List<Pending> group) {
		if (this.ioFailed) {
			recover();
		}
		List<Pending> records = group.stream().filter((p) -> p.record != null).toList();
		if (this.ioFailed) {
			fail(records, "audit journal is unwritable");
			return;
		}
		GroupCommit commit = new GroupCommit(this.chain.copy());
		try {
			for (Pending pending : records) {
				commitOne(commit, pending);
			}
			flush(commit);
			if (!this.full) {
				// the disk took what it was given (a probe included): a slow spell is
				// over
				this.refusingSince = null;
			}
		}
		catch (IOException ex) {
			log.error("The audit journal cannot write to {}: {}", this.settings.dir(), ex.toString());
			this.ioFailed = true;
			fail(commit.pending, "audit journal is unwritable");
			fail(records.stream().filter((p) -> !p.done.isDone()).toList(), "audit journal is unwritable");
		}
	}

	private void commitOne(GroupCommit commit, Pending pending) throws IOException {
		StoredRecord stored = commit.chain.next(this.id, this.clock.millis(), pending.record);
		byte[] payload = stored.encode();
		long frame = Frames.HEADER + (long) payload.length;
		Segment current = current();
		boolean roll = current.count() + commit.pending.size() > 0
				&& current.size() + commit.bytes + frame > this.settings.segmentBytes().toBytes();
		long header = roll ? headerBytes() : 0;
		if (this.bytes.get() + commit.bytes + frame + header > this.settings.maxBytes().toBytes()) {
			if (!this.full) {
				log.error("The audit journal is full ({} bytes); requests are refused until audit-service delivers",
						this.bytes.get());
			}
			this.full = true;
			refused();
			pending.done.completeExceptionally(new AuditJournalException("audit journal is full"));
			return;
		}
		if (roll) {
			flush(commit);
			roll();
			commit.chain = this.chain.copy();
			stored = commit.chain.next(this.id, this.clock.millis(), pending.record);
			payload = stored.encode();
		}
		commit.chain.advance(stored, payload);
		commit.add(pending, stored, Frames.frame(payload));
	}

	/** Writes and fsyncs what the group has so far, then tells its waiters. */
	private void flush(GroupCommit commit) throws IOException {
		if (commit.pending.isEmpty()) {
			return;
		}
		Segment current = current();
		long position = current.size();
		this.channel.position(position);
		ByteBuffer[] frames = commit.frames.toArray(ByteBuffer[]::new);
		long remaining = commit.bytes;
		while (remaining > 0) {
			remaining -= this.channel.write(frames);
		}
		this.channel.force(false);
		this.syncs.incrementAndGet();
		synchronized (this.index) {
			for (int i = 0; i < commit.pending.size(); i++) {
				int length = commit.frames.get(i).limit();
				current.added(position, commit.stored.get(i).lines().keySet(), position + length);
				position += length;
			}
		}
		this.bytes.addAndGet(commit.bytes);
		this.chain = commit.chain.copy();
		this.full = false;
		this.refusingSince = null;
		this.head = this.chain.nextSeq - 1;
		signalHead();
		for (int i = 0; i < commit.pending.size(); i++) {
			commit.pending.get(i).done.complete(commit.stored.get(i).seq());
		}
		commit.clear();
	}

	private Segment current() {
		synchronized (this.index) {
			return this.segments.getLast();
		}
	}

	private long headerBytes() {
		return Frames.HEADER + (long) new SegmentHeader(this.id, this.chain.nextSeq, this.chain.prev, this.chain.heads)
			.encode().length;
	}

	private void roll() throws IOException {
		SegmentHeader header = new SegmentHeader(this.id, this.chain.nextSeq, this.chain.prev, this.chain.heads);
		Path file = this.settings.dir().resolve(Segment.fileName(header.firstSeq()));
		FileChannel next = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
				StandardOpenOption.READ);
		ByteBuffer frame = Frames.frame(header.encode());
		long size = frame.remaining();
		try {
			while (frame.hasRemaining()) {
				next.write(frame);
			}
			next.force(true);
			JournalFiles.forceDirectory(this.settings.dir());
		}
		catch (IOException ex) {
			next.close();
			Files.deleteIfExists(file);
			throw ex;
		}
		closeChannel();
		this.channel = next;
		synchronized (this.index) {
			this.segments.add(new Segment(file, header, size));
		}
		this.bytes.addAndGet(size);
	}

	/**
	 * Reopens the directory (first start, or after a failure): the current segment is cut
	 * back to its last durable entry, or the directory opened from scratch when it never
	 * was.
	 */
	private void recover() {
		try {
			if (this.id == null) {
				openDirectory();
			}
			else {
				Segment current = current();
				closeChannel();
				this.channel = FileChannel.open(current.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
				this.channel.truncate(current.size());
				this.channel.force(true);
			}
			this.ioFailed = false;
			if (!this.full) {
				this.refusingSince = null;
			}
			log.info("The audit journal in {} is writable (journal {}, head {})", this.settings.dir(), this.id,
					this.head);
		}
		catch (IOException | RuntimeException ex) {
			closeChannel();
			log.debug("The audit journal in {} is still unwritable: {}", this.settings.dir(), ex.toString());
		}
	}

	private void openDirectory() throws IOException {
		JournalFiles.Opened opened = JournalFiles.open(this.settings.dir(), this.random);
		Cursors positions = Cursors.open(this.settings.dir());
		this.chain = opened.chain();
		synchronized (this.index) {
			this.segments.clear();
			this.segments.addAll(opened.segments());
		}
		this.bytes.set(opened.segments().stream().mapToLong(Segment::size).sum());
		this.id = opened.id();
		this.cursors = positions;
		this.head = this.chain.nextSeq - 1;
		if (opened.segments().isEmpty()) {
			roll();
		}
		else {
			this.channel = FileChannel.open(current().path, StandardOpenOption.WRITE, StandardOpenOption.READ);
		}
		dropDelivered(positions);
	}

	private void closeChannel() {
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				log.debug("Closing an audit journal segment failed: {}", ex.toString());
			}
			this.channel = null;
		}
	}

	private void fail(List<Pending> pending, String reason) {
		if (!pending.isEmpty()) {
			refused();
		}
		pending.forEach((p) -> p.done.completeExceptionally(new AuditJournalException(reason)));
	}

	/** An append waiting for its group's fsync ({@code record} null: a probe). */
	private record Pending(AuditRecord record, CompletableFuture<Long> done) {

		Pending(AuditRecord record) {
			this(record, new CompletableFuture<>());
		}

	}

	/** The part of a group not yet written. */
	private static final class GroupCommit {

		ChainState chain;

		final List<Pending> pending = new ArrayList<>();

		final List<StoredRecord> stored = new ArrayList<>();

		final List<ByteBuffer> frames = new ArrayList<>();

		long bytes;

		GroupCommit(ChainState chain) {
			this.chain = chain;
		}

		void add(Pending pending, StoredRecord record, ByteBuffer frame) {
			this.pending.add(pending);
			this.stored.add(record);
			this.frames.add(frame);
			this.bytes += frame.remaining();
		}

		void clear() {
			this.pending.clear();
			this.stored.clear();
			this.frames.clear();
			this.bytes = 0;
		}

	}

}
