package io.coffer.secrets.kernel;

import java.util.List;
import java.util.Optional;

/**
 * The paths an engine declares, in the order they are tried: the first whose pattern
 * matches a request's relative path serves it. Serving, the {@code sudo} flag and (later)
 * field decoding and help all come from these declarations instead of hand-written
 * switches.
 */
public final class EnginePaths {

	private final List<PathSpec> paths;

	public EnginePaths(List<PathSpec> paths) {
		this.paths = List.copyOf(paths);
	}

	/** The first declared path matching {@code relativePath}. */
	public Optional<PathSpec> find(String relativePath) {
		for (PathSpec path : this.paths) {
			if (path.matches(relativePath)) {
				return Optional.of(path);
			}
		}
		return Optional.empty();
	}

	/**
	 * Serves a request with its path's handler for the request's operation.
	 * @param caller passed to the handler; {@code null} for engines that never need it
	 * @throws VaultException 404 {@code unsupported path} when no path matches, 405 when
	 * the path does not serve the operation
	 */
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		PathSpec path = find(request.path()).orElseThrow(() -> VaultException.unsupportedPath(request.path()));
		PathOperation operation = path.operations().get(request.operation());
		if (operation == null) {
			throw VaultException.unsupportedOperation();
		}
		return operation.handle(request, caller);
	}

	/**
	 * Like {@link #handle(LogicalRequest, Caller)} for an engine that never needs the
	 * caller.
	 */
	public LogicalResponse handle(LogicalRequest request) {
		return handle(request, null);
	}

	/** Whether the path matching {@code relativePath} is declared {@code sudo}. */
	public boolean requiresSudo(String relativePath) {
		return find(relativePath).map(PathSpec::sudo).orElse(false);
	}

}
