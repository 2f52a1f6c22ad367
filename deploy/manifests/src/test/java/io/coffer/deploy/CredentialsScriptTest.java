package io.coffer.deploy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.coffer.support.identity.IdentityKeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/docker/generate-credentials.sh, what the compose suite's one-shot
 * {@code credentials} container runs, run here on a temporary directory with this build's
 * service-support: each caller's key pair in its own directory, readable by the identity
 * code, the public keys gathered, one PostgreSQL password for both its readers, and a
 * second run keeping everything.
 */
class CredentialsScriptTest {

	private static final Map<String, String> KEY_FILES = Map.of("gateway", "signing-key.pem", "secrets",
			"secrets-signing-key.pem", "lease", "lease-signing-key.pem", "audit", "audit-signing-key.pem", "snapshot",
			"snapshot-signing-key.pem");

	@TempDir
	Path credentials;

	@Test
	void makesEachCallersKeyPairThePublicKeysAndThePasswordsOnceAndKeepsThem() throws Exception {
		run();
		for (Map.Entry<String, String> caller : KEY_FILES.entrySet()) {
			Path privateKey = this.credentials.resolve(caller.getKey()).resolve(caller.getValue());
			KeyPair pair = IdentityKeyFiles.readPair(privateKey);
			Path published = this.credentials.resolve("public").resolve(caller.getValue().replace(".pem", ".pub.pem"));
			assertThat(IdentityKeyFiles.keyId(IdentityKeyFiles.readPublicKey(published)))
				.isEqualTo(IdentityKeyFiles.keyId(pair.getPublic()));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("r--------");
			try (var files = Files.list(privateKey.getParent())) {
				assertThat(files.map((f) -> f.getFileName().toString())).as("only its own pair")
					.containsExactlyInAnyOrder(caller.getValue(), caller.getValue().replace(".pem", ".pub.pem"));
			}
		}
		try (var files = Files.list(this.credentials.resolve("public"))) {
			assertThat(files.map((f) -> f.getFileName().toString())).allMatch((name) -> name.endsWith(".pub.pem"))
				.hasSize(KEY_FILES.size());
		}
		String password = Files.readString(this.credentials.resolve("postgres/password"));
		assertThat(password).matches("[A-Za-z0-9]{32,}");
		assertThat(Files.readString(this.credentials.resolve("lease-db/spring.datasource.password")))
			.isEqualTo(password);
		String grafana = Files.readString(this.credentials.resolve("grafana/admin-password"));
		assertThat(grafana).matches("[A-Za-z0-9]{32,}").isNotEqualTo(password);

		String gatewayKey = Files.readString(this.credentials.resolve("gateway/signing-key.pem"));
		run();
		assertThat(Files.readString(this.credentials.resolve("gateway/signing-key.pem"))).as("kept on a restart")
			.isEqualTo(gatewayKey);
		assertThat(Files.readString(this.credentials.resolve("postgres/password"))).isEqualTo(password);
		assertThat(Files.readString(this.credentials.resolve("lease-db/spring.datasource.password")))
			.isEqualTo(password);
	}

	private void run() throws Exception {
		Path supportClasses = Path
			.of(IdentityKeyFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path java = Path.of(System.getProperty("java.home"), "bin");
		ProcessBuilder builder = new ProcessBuilder("bash",
				Repository.file("deploy/docker/generate-credentials.sh").toString())
			.redirectErrorStream(true);
		builder.environment().put("COFFER_CREDENTIALS_DIR", this.credentials.toString());
		builder.environment().put("COFFER_SERVICE_SUPPORT_JAR", supportClasses.toString());
		builder.environment()
			.put("COFFER_GENERATE_KEY_SOURCE", Repository.file("deploy/local/lib/GenerateIdentityKey.java").toString());
		builder.environment().put("PATH", java + File.pathSeparator + System.getenv("PATH"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).doesNotContain("BEGIN");
		assertThat(List.of(output.split("\n"))).last().asString().startsWith("Credentials ready");
	}

}
