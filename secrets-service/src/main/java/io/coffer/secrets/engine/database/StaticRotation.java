package io.coffer.secrets.engine.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates static roles' passwords: on creation, on {@code rotate-role/<name>} and when
 * {@code rotation_period} has passed ({@link #rotateDue}, called by the factory's
 * scheduler on the active node). The database is changed first; if the new password
 * cannot then be stored, the old one is put back, so stored and real passwords never
 * drift apart.
 */
final class StaticRotation {

	private static final Logger log = LoggerFactory.getLogger(StaticRotation.class);

	private final EngineContext context;

	/** One rotation at a time per mount: the scheduler and rotate-role never race. */
	private final ReentrantLock lock = new ReentrantLock();

	StaticRotation(EngineContext context) {
		this.context = context;
	}

	/** Gives the role's user a new password and stores it with the rotation time. */
	StaticRole rotate(String name, StaticRole role) {
		this.lock.lock();
		try {
			ConnectionConfig config = this.context.config(role.dbName());
			String password = this.context.password(config);
			List<String> statements = role.rotationStatements();
			Instant now = this.context.clock().instant();
			StaticRole rotated = role.rotated(password, now);
			try (Connection connection = this.context.open(role.dbName(), config)) {
				Statements.changePassword(connection, statements, role.username(), password);
				try {
					this.context.store().putStaticRole(name, rotated);
				}
				catch (RuntimeException ex) {
					if (!role.password().isEmpty()) {
						Statements.changePassword(connection, statements, role.username(), role.password());
					}
					throw ex;
				}
			}
			catch (SQLException ex) {
				throw DatabaseErrors.internal("error setting credentials: ", ex,
						List.of(config.password(), password, role.password()));
			}
			return rotated;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Rotates every static role whose rotation period has passed. */
	void rotateDue() {
		Instant now = this.context.clock().instant();
		for (String name : this.context.store().names(DatabaseStore.STATIC_ROLE)) {
			this.context.store()
				.staticRole(name)
				.filter((role) -> !role.nextRotation().isAfter(now))
				.ifPresent((role) -> {
					try {
						rotate(name, role);
					}
					catch (RuntimeException ex) {
						// The message is already free of secrets; retried on the next
						// tick.
						log.warn("Rotation of static role {} failed: {}", name, ex.getMessage());
					}
				});
		}
	}

}
