package io.coffer.secrets.kernel;

/** What an engine does for one operation on one of its declared paths. */
@FunctionalInterface
public interface PathOperation {

	/**
	 * @param request the request, its path relative to the mount
	 * @param caller the authenticated caller (a login's stand-in on unauthenticated
	 * paths)
	 */
	LogicalResponse handle(LogicalRequest request, Caller caller);

}
