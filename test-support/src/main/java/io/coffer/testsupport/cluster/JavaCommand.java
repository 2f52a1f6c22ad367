package io.coffer.testsupport.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.coffer.testsupport.topology.ProcessKind;

/**
 * The command line that runs one executable jar on the JDK running the tests, with a heap
 * small enough for a whole suite on a 2-core, shared machine. A kind with a main class of
 * its own (the local PostgreSQL in lease-service's jar) runs it through Spring Boot's
 * {@code PropertiesLauncher}, as deploy/local/run.sh does.
 */
final class JavaCommand {

	private static final String HEAP = "-Xmx384m";

	/** Spring Boot's launcher that runs the class named by {@code loader.main}. */
	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private JavaCommand() {
	}

	static List<String> forJar(Path jar, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java(), HEAP, "-jar", jar.toString()));
		command.addAll(arguments);
		return command;
	}

	static List<String> forKind(ProcessKind kind, Path jar, List<String> arguments) {
		if (kind.runsOwnApplication()) {
			return forJar(jar, arguments);
		}
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx64m", "-Dloader.main=" + kind.mainClass(), "-cp",
				jar.toString(), PROPERTIES_LAUNCHER));
		command.addAll(arguments);
		return command;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
