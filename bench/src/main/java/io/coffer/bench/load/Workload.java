package io.coffer.bench.load;

import java.util.List;

/**
 * What a load runner sends: the operation for sequence number {@code seq} and the kind it
 * is recorded under (a mix has several kinds, each with its own histogram).
 */
public interface Workload {

	List<String> kinds();

	Step step(long seq);

	/** A workload of one kind. */
	static Workload of(String kind, SeqCall call) {
		return new Workload() {
			@Override
			public List<String> kinds() {
				return List.of(kind);
			}

			@Override
			public Step step(long seq) {
				return new Step(kind, () -> call.run(seq));
			}
		};
	}

	record Step(String kind, Call call) {
	}

	@FunctionalInterface
	interface SeqCall {

		void run(long seq) throws Exception;

	}

}
