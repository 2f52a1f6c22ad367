package io.coffer.testsupport.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The suite's shape as deploy/topology.conf describes it (the same file
 * deploy/local/run.sh reads): the kinds of process in start order, their names and port
 * layout. Parsed the way deploy/local/lib/topology.sh parses it: {@code #} starts a
 * comment, columns are separated by blanks, {@code -} marks a port a kind does not have.
 */
public record Topology(List<ProcessKind> kinds) {

	/** Where the file lives in a checkout. */
	public static final String FILE = "deploy/topology.conf";

	private static final int COLUMNS = 7;

	/** The optional eighth column: a main class instead of the jar's own. */
	private static final int COLUMNS_WITH_MAIN = 8;

	public Topology {
		kinds = List.copyOf(kinds);
		if (kinds.isEmpty()) {
			throw new IllegalArgumentException("the topology lists no process");
		}
	}

	/** The topology of the checkout at {@code projectRoot}. */
	public static Topology of(Path projectRoot) {
		return read(projectRoot.resolve(FILE));
	}

	public static Topology read(Path file) {
		try {
			return parse(Files.readAllLines(file), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the topology " + file, ex);
		}
	}

	/** Parses the file's lines; {@code source} names it in error messages. */
	public static Topology parse(List<String> lines, String source) {
		List<ProcessKind> kinds = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			int comment = line.indexOf('#');
			String content = ((comment < 0) ? line : line.substring(0, comment)).strip();
			if (content.isEmpty()) {
				continue;
			}
			String where = source + ":" + (i + 1);
			ProcessKind kind = kind(content.split("\\s+"), where);
			if (!names.add(kind.name())) {
				throw new IllegalArgumentException(where + ": kind " + kind.name() + " is listed twice");
			}
			kinds.add(kind);
		}
		return new Topology(kinds);
	}

	private static ProcessKind kind(String[] columns, String where) {
		if (columns.length != COLUMNS && columns.length != COLUMNS_WITH_MAIN) {
			throw new IllegalArgumentException(where + ": expected " + COLUMNS
					+ " columns (kind module instance port management-port cluster-port count) and an optional main");
		}
		String main = (columns.length == COLUMNS_WITH_MAIN && !"-".equals(columns[7])) ? columns[7] : "";
		try {
			return new ProcessKind(columns[0], columns[1], columns[2], Integer.parseInt(columns[3]),
					optionalPort(columns[4]), optionalPort(columns[5]), Integer.parseInt(columns[6]), main);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
		}
	}

	private static int optionalPort(String column) {
		return "-".equals(column) ? 0 : Integer.parseInt(column);
	}

	/** The kind called {@code name}. */
	public ProcessKind kind(String name) {
		return this.kinds.stream()
			.filter((kind) -> kind.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the topology has no kind " + name));
	}

}
