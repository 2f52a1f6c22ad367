package io.coffer.secrets.kernel;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The unread body of the request being handled on this thread, for the few paths whose
 * body is not JSON but a stream read by the handler itself (a snapshot to restore or to
 * load, of any size). The body is read only when the handler runs, i.e. after the request
 * was authenticated and authorized, so an unauthorized client cannot make the node store
 * anything.
 */
public final class StreamedBody {

	/** Paths (below {@code /v1/}) whose POST/PUT body is streamed, not parsed. */
	private static final Set<String> STREAMED = Set.of("sys/storage/raft/snapshot", "sys/storage/raft/snapshot-force",
			"sys/storage/raft/snapshot-load");

	private static final ThreadLocal<InputStream> CURRENT = new ThreadLocal<>();

	private StreamedBody() {
	}

	/** Whether a request with this HTTP method and path streams its body. */
	public static boolean streams(String method, String path) {
		return ("POST".equalsIgnoreCase(method) || "PUT".equalsIgnoreCase(method)) && STREAMED.contains(path);
	}

	/** Runs {@code handler} with {@code body} as this thread's streamed body. */
	public static <T> T with(InputStream body, Callable<T> handler) throws Exception {
		CURRENT.set(body);
		try {
			return handler.call();
		}
		finally {
			CURRENT.remove();
		}
	}

	/** The streamed body of the request on this thread, if it has one. */
	public static Optional<InputStream> current() {
		return Optional.ofNullable(CURRENT.get());
	}

}
