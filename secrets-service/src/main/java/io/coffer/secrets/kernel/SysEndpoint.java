package io.coffer.secrets.kernel;

import io.coffer.secrets.sys.SystemBackend;

/**
 * A group of logical {@code sys/} paths served by one feature (e.g. policies).
 * {@link SystemBackend} asks each registered bean in turn; the first that
 * {@link #matches} a path serves it.
 */
public interface SysEndpoint {

	/**
	 * @param path the path below {@code sys/}, e.g. {@code policies/acl/dev}
	 */
	boolean matches(String path);

	LogicalResponse handle(LogicalRequest request, Caller caller);

}
