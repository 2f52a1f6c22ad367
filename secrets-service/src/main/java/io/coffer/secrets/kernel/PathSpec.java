package io.coffer.secrets.kernel;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One path an engine declares, relative to its mount: the pattern it matches (a regular
 * expression over the whole relative path), the operations it serves and whether Vault
 * protects it with {@code sudo} on top of the operation's own capability. Build one with
 * {@link #path(String)}.
 *
 * @param pattern matched against the whole relative path ({@code .} matches line breaks
 * too, so no path slips past a pattern through an encoded newline)
 * @param operations what each served operation does; an operation not listed is Vault's
 * 405
 * @param sudo whether the path needs {@code sudo}
 */
public record PathSpec(Pattern pattern, Map<Operation, PathOperation> operations, boolean sudo) {

	public PathSpec {
		operations = Map.copyOf(operations);
	}

	/** A path with no operation yet and no {@code sudo}. */
	public static PathSpec path(String regex) {
		return new PathSpec(Pattern.compile(regex, Pattern.DOTALL), Map.of(), false);
	}

	/** This path also serving {@code operation} with {@code handler}. */
	public PathSpec on(Operation operation, PathOperation handler) {
		Map<Operation, PathOperation> next = new EnumMap<>(Operation.class);
		next.putAll(this.operations);
		next.put(operation, handler);
		return new PathSpec(this.pattern, next, this.sudo);
	}

	/** This path protected with {@code sudo}. */
	public PathSpec requiringSudo() {
		return new PathSpec(this.pattern, this.operations, true);
	}

	public boolean matches(String relativePath) {
		return this.pattern.matcher(relativePath).matches();
	}

}
