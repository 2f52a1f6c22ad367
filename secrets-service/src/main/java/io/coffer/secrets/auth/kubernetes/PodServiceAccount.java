package io.coffer.secrets.auth.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service account of the pod Coffer runs in ({@code token} and {@code ca.crt} in
 * {@code /var/run/secrets/kubernetes.io/serviceaccount}), used when the config names no
 * reviewer token or CA and {@code disable_local_ca_jwt} is false. Both are read at each
 * login, so a rotated projected token is picked up.
 */
final class PodServiceAccount {

	private final Path directory;

	PodServiceAccount(Path directory) {
		this.directory = directory;
	}

	Optional<String> token() {
		return read("token").map(String::trim);
	}

	Optional<String> caCert() {
		return read("ca.crt");
	}

	private Optional<String> read(String name) {
		Path file = this.directory.resolve(name);
		if (!Files.isReadable(file)) {
			return Optional.empty();
		}
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			return text.isBlank() ? Optional.empty() : Optional.of(text);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
