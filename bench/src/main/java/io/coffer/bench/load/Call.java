package io.coffer.bench.load;

/** One blocking operation under load; an exception counts as an error. */
@FunctionalInterface
public interface Call {

	void run() throws Exception;

}
