package io.coffer.gateway.web;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Requests whose body is streamed to the active node instead of being read whole (a
 * snapshot to restore, or to load for single-item recovery: any size, sent once, never
 * buffered, not held to {@code max-request-size}).
 */
public final class StreamedBodies {

	/** {@code POST}/{@code PUT} on these paths stream their body. */
	public static final String[] PATHS = { "/v1/sys/storage/raft/snapshot", "/v1/sys/storage/raft/snapshot-force",
			"/v1/sys/storage/raft/snapshot-load" };

	private static final Set<String> PATH_SET = Set.of(PATHS);

	private StreamedBodies() {
	}

	public static boolean streams(HttpMethod method, String path) {
		return (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)) && PATH_SET.contains(path);
	}

}
