package io.coffer.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Coffer service started from its executable jar, as deploy/local/run.sh starts it.
 * Output goes to a log file so that a failed run can be read afterwards.
 */
public final class ServiceProcess {

	private final String name;

	private final URI baseUri;

	private final Path logFile;

	private final Process process;

	private ServiceProcess(String name, URI baseUri, Path logFile, Process process) {
		this.name = name;
		this.baseUri = baseUri;
		this.logFile = logFile;
		this.process = process;
	}

	static ServiceProcess launch(String name, int port, Path jar, List<String> arguments, Path logDir) {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path logFile = logDir.resolve(name + ".log");
		var command = new java.util.ArrayList<String>(List.of(java.toString(), "-Xmx384m", "-jar", jar.toString()));
		command.addAll(arguments);
		try {
			Files.createDirectories(logDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			return new ServiceProcess(name, URI.create("http://127.0.0.1:" + port), logFile, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name, ex);
		}
	}

	public String name() {
		return this.name;
	}

	public URI baseUri() {
		return this.baseUri;
	}

	public Path logFile() {
		return this.logFile;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * SIGKILL: the process gets no chance to flush, leave a cluster or release a lock.
	 */
	public void killForcibly() {
		this.process.destroyForcibly();
		waitForExit(30);
	}

	void terminate() {
		this.process.destroy();
	}

	void waitForExit(long seconds) {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	void destroyNow() {
		this.process.destroyForcibly();
	}

	/**
	 * The end of the log, to put into a failure message when the process died or never
	 * came up.
	 */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.logFile);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public String toString() {
		return this.name + "(pid " + this.process.pid() + ", " + this.baseUri + ")";
	}

}
