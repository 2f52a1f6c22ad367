package io.coffer.secrets.engine.database;

import java.time.Instant;
import java.util.List;

/**
 * A static role ({@code static-roles/<name>}): an existing database user whose password
 * the engine owns and rotates every {@code rotation_period}. The current password is
 * stored (barrier-encrypted) and left out of {@link #toString()}.
 *
 * @param dbName the connection config it uses
 * @param username the database user
 * @param rotationPeriodSeconds how often the password is rotated
 * @param rotationStatements empty = the default {@code ALTER ROLE ... WITH PASSWORD}
 * @param password the current password
 * @param lastRotation when the engine last rotated it
 */
record StaticRole(String dbName, String username, long rotationPeriodSeconds, List<String> rotationStatements,
		String password, Instant lastRotation) {

	StaticRole {
		rotationStatements = List.copyOf(rotationStatements);
	}

	StaticRole rotated(String newPassword, Instant at) {
		return new StaticRole(this.dbName, this.username, this.rotationPeriodSeconds, this.rotationStatements,
				newPassword, at);
	}

	/** When the next scheduled rotation is due. */
	Instant nextRotation() {
		return this.lastRotation.plusSeconds(this.rotationPeriodSeconds);
	}

	@Override
	public String toString() {
		return "StaticRole[db=" + this.dbName + ", username=" + this.username + ", rotationPeriod="
				+ this.rotationPeriodSeconds + ", lastRotation=" + this.lastRotation + ", password=<redacted>]";
	}

}
