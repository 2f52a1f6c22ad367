package io.coffer.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Coffer service started from its executable jar, as deploy/local/run.sh starts it.
 * Output goes to a log file so that a failed run can be read afterwards. A stopped
 * service can be started again with the same command line (ports, data directory, cluster
 * name), as an operator restarts it; its log continues in the same file.
 */
public final class ServiceProcess {

	private final String kind;

	private final String name;

	private final URI baseUri;

	private final Path logFile;

	private final List<String> command;

	private volatile Process process;

	private ServiceProcess(String kind, String name, URI baseUri, Path logFile, List<String> command) {
		this.kind = kind;
		this.name = name;
		this.baseUri = baseUri;
		this.logFile = logFile;
		this.command = List.copyOf(command);
	}

	/**
	 * Starts {@code command} as {@code instance}, its output going to
	 * {@code logDir/<name>.log}; does not wait for it to come up.
	 */
	static ServiceProcess launch(Instance instance, List<String> command, Path logDir) {
		String name = instance.name();
		ServiceProcess service = new ServiceProcess(instance.kind().name(), name, instance.baseUri(),
				logDir.resolve(name + ".log"), command);
		try {
			Files.createDirectories(logDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name, ex);
		}
		service.process = service.spawn(ProcessBuilder.Redirect.to(service.logFile.toFile()));
		return service;
	}

	/**
	 * Starts the stopped service again with its original command line, appending to its
	 * log.
	 */
	void relaunch() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is still running");
		}
		try {
			Files.writeString(this.logFile,
					System.lineSeparator() + "==== restarted by the test ====" + System.lineSeparator(),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot restart " + this.name, ex);
		}
		this.process = spawn(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
	}

	private Process spawn(ProcessBuilder.Redirect output) {
		try {
			return new ProcessBuilder(this.command).redirectErrorStream(true).redirectOutput(output).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + this.name, ex);
		}
	}

	/** Its kind in deploy/topology.conf ({@code secrets}, {@code gateway}). */
	String kind() {
		return this.kind;
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
		Process current = this.process;
		try {
			if (!current.waitFor(seconds, TimeUnit.SECONDS)) {
				current.destroyForcibly();
				current.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			current.destroyForcibly();
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
