package io.coffer.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.testsupport.topology.Topology;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The checkout the deploy files live in (system property {@code coffer.project.root}, set
 * by this module's pom), and the plain YAML reading the checks share.
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		String root = System.getProperty("coffer.project.root", "../..");
		return Path.of(root).toAbsolutePath().normalize();
	}

	static Path file(String relative) {
		return root().resolve(relative);
	}

	static Topology topology() {
		return Topology.of(root());
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every document of a YAML file, anchors and merge keys resolved. */
	static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
			if (document != null) {
				documents.add(map(document));
			}
		}
		return documents;
	}

	static Map<String, Object> yaml(Path file) {
		List<Map<String, Object>> documents = yamlDocuments(file);
		if (documents.size() != 1) {
			throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, not one");
		}
		return documents.get(0);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalStateException("not a mapping: " + value);
		}
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?>)) {
			throw new IllegalStateException("not a list: " + value);
		}
		return (List<Object>) value;
	}

	/**
	 * The {@code --name=value} arguments of a command line, in order (a service's
	 * configuration as run.sh passes it).
	 */
	static Map<String, String> options(List<?> arguments) {
		Map<String, String> options = new LinkedHashMap<>();
		for (Object argument : arguments) {
			String text = String.valueOf(argument);
			if (!text.startsWith("--") || !text.contains("=")) {
				throw new IllegalStateException("not a --name=value argument: " + text);
			}
			int equals = text.indexOf('=');
			String previous = options.put(text.substring(2, equals), text.substring(equals + 1));
			if (previous != null) {
				throw new IllegalStateException("argument given twice: " + text);
			}
		}
		return options;
	}

}
