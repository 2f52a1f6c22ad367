package io.coffer.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.coffer.testsupport.topology.ProcessKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker's Dockerfiles (never built here: no Docker engine): the arguments the
 * compose file passes are the ones the Dockerfile declares, the jar it copies is the one
 * `./mvnw package` names, and the image runs as a non-root user on a Java 21 JRE.
 */
class DockerfileTest {

	private static final String DOCKERFILE = Repository.read(Repository.file("deploy/docker/Dockerfile"));

	@Test
	void theImageRunsTheModulesBootJarAsANonRootUserOnAJava21Jre() {
		List<String> instructions = instructions(DOCKERFILE);
		assertThat(instructions).contains("ARG JAVA_IMAGE=eclipse-temurin:21-jre");
		assertThat(instructions).filteredOn((line) -> line.startsWith("FROM "))
			.hasSize(2)
			.allMatch((line) -> line.startsWith("FROM ${JAVA_IMAGE}"));
		String jar = ProcessKindJar.pattern();
		assertThat(instructions).contains("COPY ${MODULE}/target/" + jar + " application.jar");
		List<String> users = instructions.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).containsExactly("USER 10001:10001");
		assertThat(instructions.get(instructions.size() - 1)).startsWith("ENTRYPOINT ");
		assertThat(instructions).anyMatch((line) -> line.startsWith("HEALTHCHECK "))
			.anyMatch((line) -> line.startsWith("EXPOSE ${PORT}"));
		// The layers are copied from the extraction, dependencies first (they change
		// least).
		assertThat(instructions).filteredOn((line) -> line.startsWith("COPY --from=layers"))
			.extracting((line) -> line.split(" ")[2])
			.containsExactly("/build/extracted/dependencies/", "/build/extracted/spring-boot-loader/",
					"/build/extracted/snapshot-dependencies/", "/build/extracted/application/");
	}

	@Test
	void theComposeBuildArgumentsAreTheDockerfilesAndNameRealJars() {
		Set<String> declared = new LinkedHashSet<>();
		for (String line : instructions(DOCKERFILE)) {
			if (line.startsWith("ARG ")) {
				declared.add(line.substring(4).split("=")[0]);
			}
		}
		Map<String, Object> services = Repository
			.map(Repository.yaml(Repository.file("deploy/compose/docker-compose.yml")).get("services"));
		Set<String> modules = new LinkedHashSet<>();
		for (Object service : services.values()) {
			Map<String, Object> build = Repository.map(Repository.map(service).get("build"));
			if ("deploy/docker/Dockerfile".equals(build.get("dockerfile"))) {
				Map<String, Object> args = Repository.map(build.get("args"));
				assertThat(declared).containsAll(args.keySet());
				modules.add(String.valueOf(args.get("MODULE")));
			}
		}
		Set<String> serviceModules = new LinkedHashSet<>();
		for (ProcessKind kind : Repository.topology().kinds()) {
			if (kind.runsOwnApplication()) {
				serviceModules.add(kind.module());
				// The jar the Dockerfile copies is the one the module's build writes (and
				// run.sh runs).
				assertThat(Repository.read(Repository.file(kind.module()).resolve("pom.xml")))
					.contains("<finalName>" + kind.jarName().replace(".jar", "") + "</finalName>");
			}
		}
		assertThat(modules).containsExactlyInAnyOrderElementsOf(serviceModules);
		String credentials = Repository.read(Repository.file("deploy/docker/credentials.Dockerfile"));
		assertThat(instructions(credentials)).contains("COPY service-support/target/coffer-service-support.jar "
				+ "deploy/local/lib/GenerateIdentityKey.java deploy/docker/generate-credentials.sh ./");
		assertThat(Repository.file("deploy/local/lib/GenerateIdentityKey.java")).isRegularFile();
		assertThat(Repository.file("deploy/docker/generate-credentials.sh")).isRegularFile();
	}

	/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
	private static List<String> instructions(String dockerfile) {
		String joined = dockerfile.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n\\s*", "");
		return joined.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static final class ProcessKindJar {

		static String pattern() {
			return new ProcessKind("x", "${MODULE}", "x", 1, 0, 0, 1).jarName();
		}

	}

}
