package io.coffer.bench.startup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind of request, one histogram per second of the run (by the second a
 * request was due in, so a stall shows in the second it began), plus errors per second.
 * Thread-safe for recording; read once the run is over.
 */
final class PerSecondLatencies {

	private final List<Histogram> seconds = new ArrayList<>();

	private final AtomicLongArray errors;

	PerSecondLatencies(int seconds) {
		for (int i = 0; i < seconds; i++) {
			this.seconds.add(new ConcurrentHistogram(3));
		}
		this.errors = new AtomicLongArray(seconds);
	}

	int seconds() {
		return this.seconds.size();
	}

	void success(int second, long micros) {
		if (second >= 0 && second < this.seconds.size()) {
			this.seconds.get(second).recordValue(Math.max(1, micros));
		}
	}

	void error(int second) {
		if (second >= 0 && second < this.seconds.size()) {
			this.errors.incrementAndGet(second);
		}
	}

	Histogram second(int second) {
		return this.seconds.get(second);
	}

	long errors(int second) {
		return this.errors.get(second);
	}

	/** All seconds from {@code from} (inclusive) to the end in one histogram. */
	Histogram total(int from) {
		Histogram all = new Histogram(3);
		for (int i = Math.max(0, from); i < this.seconds.size(); i++) {
			all.add(this.seconds.get(i));
		}
		return all;
	}

	/** Prints one line per second: count, p50, p99, max (ms) and errors of each kind. */
	static void print(PrintStream out, String label, PerSecondLatencies reads, PerSecondLatencies writes) {
		out.printf(Locale.ROOT, "%n%s: OpenBao mix per second (reads / writes; ms)%n", label);
		out.printf(Locale.ROOT, "| s | reads | read p50 | read p99 | read max | writes | write p99 | errors |%n");
		out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|---:|%n");
		for (int s = 0; s < reads.seconds(); s++) {
			Histogram r = reads.second(s);
			Histogram w = writes.second(s);
			out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.1f | %d | %.2f | %d |%n", s + 1, r.getTotalCount(),
					ms(r.getValueAtPercentile(50)), ms(r.getValueAtPercentile(99)), ms(r.getMaxValue()),
					w.getTotalCount(), ms(w.getValueAtPercentile(99)), reads.errors(s) + writes.errors(s));
		}
		summary(out, label, reads, writes);
	}

	static void summary(PrintStream out, String label, PerSecondLatencies reads, PerSecondLatencies writes) {
		Histogram first = reads.second(0);
		Histogram firstFive = new Histogram(3);
		for (int s = 0; s < Math.min(5, reads.seconds()); s++) {
			firstFive.add(reads.second(s));
		}
		Histogram all = reads.total(0);
		Histogram writesAll = writes.total(0);
		double worst = 0;
		for (int s = 0; s < reads.seconds(); s++) {
			worst = Math.max(worst, ms(reads.second(s).getValueAtPercentile(99)));
		}
		long errors = 0;
		for (int s = 0; s < reads.seconds(); s++) {
			errors += reads.errors(s) + writes.errors(s);
		}
		out.printf(Locale.ROOT,
				"SUMMARY %s: read p99 1st s %.2f ms, s1-5 %.2f ms, worst second %.2f ms, whole run %.2f ms (p50 %.2f); "
						+ "write p99 %.2f ms; errors %d%n",
				label, ms(first.getValueAtPercentile(99)), ms(firstFive.getValueAtPercentile(99)), worst,
				ms(all.getValueAtPercentile(99)), ms(all.getValueAtPercentile(50)),
				ms(writesAll.getValueAtPercentile(99)), errors);
	}

	private static double ms(long micros) {
		return micros / 1000.0;
	}

}
