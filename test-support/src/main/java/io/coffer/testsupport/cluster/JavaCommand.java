package io.coffer.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs one executable jar on the JDK running the tests, with a heap
 * small enough for a whole suite on a 2-core, shared machine.
 */
final class JavaCommand {

	private static final String HEAP = "-Xmx384m";

	private JavaCommand() {
	}

	static List<String> forJar(Path jar, List<String> arguments) {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), HEAP, "-jar", jar.toString()));
		command.addAll(arguments);
		return command;
	}

}
