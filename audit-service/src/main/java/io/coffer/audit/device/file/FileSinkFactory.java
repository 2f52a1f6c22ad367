package io.coffer.audit.device.file;

import java.nio.file.Path;
import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import io.coffer.audit.device.CommonOptions;

import org.springframework.stereotype.Component;

/**
 * Vault's {@code file} device: {@code file_path} (a path, {@code stdout} or
 * {@code discard}), {@code mode} (octal, default {@code 0600}; {@code 0000} leaves the
 * file's mode alone), {@code prefix}.
 */
@Component
public class FileSinkFactory implements AuditSinkFactory {

	private final ReopenSignal reopen;

	public FileSinkFactory(ReopenSignal reopen) {
		this.reopen = reopen;
	}

	@Override
	public String type() {
		return "file";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		String filePath = options.get("file_path");
		if (filePath == null) {
			filePath = options.get("path");
		}
		if (filePath == null || filePath.isBlank()) {
			throw new IllegalArgumentException("file_path is required");
		}
		String prefix = CommonOptions.prefix(options);
		return switch (filePath) {
			case "discard" -> new DiscardSink();
			case "stdout" -> new StdoutSink(prefix);
			default -> new FileSink(Path.of(filePath), mode(options.get("mode")), prefix, this.reopen);
		};
	}

	private static int mode(String text) {
		if (text == null || text.isBlank()) {
			return 0600;
		}
		try {
			int mode = Integer.parseInt(text, 8);
			if (mode < 0 || mode > 0777) {
				throw new NumberFormatException();
			}
			return mode;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("unable to parse 'mode': invalid syntax");
		}
	}

}
