package io.coffer.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.coffer.testsupport.topology.ProcessKind;
import io.coffer.testsupport.topology.Topology;

/**
 * Where the launcher finds the checkout (its topology and the jars the build produced)
 * and keeps a suite's files. The root is the system property {@code coffer.project.root}
 * (the modules' poms set it), else the nearest directory above the working directory
 * holding deploy/topology.conf.
 */
final class ProjectFiles {

	static final String ROOT_PROPERTY = "coffer.project.root";

	private ProjectFiles() {
	}

	static Path root() {
		String configured = System.getProperty(ROOT_PROPERTY);
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve(Topology.FILE))) {
				return dir;
			}
		}
		throw new IllegalStateException("no " + Topology.FILE + " above " + Path.of("").toAbsolutePath()
				+ "; set the system property " + ROOT_PROPERTY + " to the project root");
	}

	/**
	 * The executable jar of {@code kind}: {@code <module>/target/coffer-<module>.jar}.
	 */
	static Path jar(Path root, ProcessKind kind) {
		Path jar = root.resolve(kind.module()).resolve("target").resolve(kind.jarName());
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is not built; run ./mvnw verify from the project root, which "
					+ "packages the services before the end-to-end tests");
		}
		return jar;
	}

	static Path createTempDirectory(String label) {
		try {
			return Files.createTempDirectory("coffer-e2e-" + label + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
