package io.coffer.audit.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import io.coffer.common.audit.ChainReport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain check on the command line, for an audit file copied off the host:
 * {@code java -Dloader.main=io.coffer.audit.verify.VerifyCommand -cp coffer-audit-service.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher <file> [--prefix=<prefix>]}.
 * Prints one summary line and the {@link ChainReport} as JSON; exits 0 when the chain is
 * intact, 1 at a break, 2 on bad usage or an unreadable file.
 */
public final class VerifyCommand {

	private VerifyCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		String file = null;
		String prefix = "";
		for (String arg : args) {
			if (arg.startsWith("--prefix=")) {
				prefix = arg.substring("--prefix=".length());
			}
			else if (file == null && !arg.startsWith("--")) {
				file = arg;
			}
			else {
				file = null;
				break;
			}
		}
		if (file == null) {
			err.println("usage: VerifyCommand <audit file> [--prefix=<the device's prefix>]");
			return 2;
		}
		ChainReport report;
		try {
			report = ChainVerifier.verify(Path.of(file), prefix);
		}
		catch (IOException ex) {
			err.println("cannot read " + file + ": " + ex.getMessage());
			return 2;
		}
		out.println(summary(report));
		out.println(JsonMapper.shared().writeValueAsString(report));
		return report.ok() ? 0 : 1;
	}

	static String summary(ChainReport report) {
		if (report.ok()) {
			return "intact: " + report.checked() + " entries checked";
		}
		String where = "line " + report.line()
				+ ((report.journal() != null) ? " (journal " + report.journal() + ", seq " + report.seq() + ")" : "");
		return "BROKEN at " + where + " after " + report.checked() + " intact entries: " + report.reason();
	}

}
