package io.coffer.audit.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.coffer.common.audit.AuditDevice;
import io.coffer.common.audit.ChainReport;
import org.springframework.stereotype.Service;

/**
 * The logic of {@code POST sys/audit-verify {"device":"file/"}}: checks the hash chain of
 * an enabled file device's output with {@link ChainVerifier}.
 */
@Service
public class FileDeviceVerifier {

	/**
	 * Checks the device's file.
	 * @param device the enabled device, as the device table lists it
	 * @return the report (the first break, if any)
	 * @throws IllegalArgumentException the device has no file to check (Vault-style text,
	 * answered with 400)
	 * @throws IOException the file cannot be read
	 */
	public ChainReport verify(AuditDevice device) throws IOException {
		if (!"file".equals(device.type())) {
			throw new IllegalArgumentException(
					"only file devices can be verified; \"" + device.path() + "\" is a " + device.type() + " device");
		}
		String filePath = device.options().get("file_path");
		if (filePath == null || filePath.isBlank()) {
			throw new IllegalArgumentException("file_path is required");
		}
		if (filePath.equals("stdout") || filePath.equals("discard")) {
			throw new IllegalArgumentException(
					"\"" + device.path() + "\" writes to " + filePath + ": there is no file to verify");
		}
		Path file = Path.of(filePath);
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("\"" + device.path() + "\" has written no file yet");
		}
		return ChainVerifier.verify(file, device.options().getOrDefault("prefix", ""));
	}

}
