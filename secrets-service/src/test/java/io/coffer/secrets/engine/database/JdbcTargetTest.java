package io.coffer.secrets.engine.database;

import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.VaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcTargetTest {

	@Test
	void aTemplatedUrlPutsTheCredentialsInPropertiesNotInTheJdbcUrl() {
		JdbcTarget target = JdbcTarget.of(
				"postgresql://{{username}}:{{password}}@db.example:5433/app?sslmode=require&application_name=coffer",
				"admin", "p@ss:w/rd?");

		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/app");
		assertThat(target.properties()).containsEntry("user", "admin")
			.containsEntry("password", "p@ss:w/rd?")
			.containsEntry("sslmode", "require")
			.containsEntry("ApplicationName", "coffer");
		assertThat(target.toString()).doesNotContain("p@ss");
	}

	@Test
	void literalUrlCredentialsArePercentDecoded() {
		JdbcTarget target = JdbcTarget.of("postgres://bob:s%40cret@localhost/postgres", "", "");

		assertThat(target.properties()).containsEntry("user", "bob").containsEntry("password", "s@cret");
	}

	@Test
	void aKeyValueDsnIsTranslated() {
		JdbcTarget target = JdbcTarget
			.of("host=h1 port=6432 dbname=app user={{username}} password='{{password}}' connect_timeout=3 "
					+ "target_session_attrs=read-write", "admin", "pw it's");

		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:6432/app");
		assertThat(target.properties()).containsEntry("user", "admin")
			.containsEntry("password", "pw it's")
			.containsEntry("connectTimeout", "3")
			.containsEntry("targetServerType", "primary");
	}

	@Test
	void driverPropertiesThatLoadClassesOrWriteFilesAreRefused() {
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> JdbcTarget.of("postgresql://localhost/db?socketFactory=evil.Factory", "u", "p"))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					"error creating database object: unsupported connection_url parameter \"socketFactory\""));
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> JdbcTarget.of("host=localhost loggerFile=/tmp/x", "u", "p"));
	}

	@Test
	void aMalformedUrlIsRefusedWithoutEchoingIt() {
		assertThatExceptionOfType(VaultException.class)
			.isThrownBy(() -> JdbcTarget.of("not a url with secret-pw", "u", "p"))
			.satisfies((ex) -> assertThat(ex.errors().get(0)).doesNotContain("secret-pw"));
	}

	@Test
	void readsShowALiteralUrlPasswordAsXxxxx() {
		assertThat(ConnectionUrls.redacted("postgresql://bob:hunter2@h:5432/db"))
			.isEqualTo("postgresql://bob:xxxxx@h:5432/db");
		assertThat(ConnectionUrls.redacted("host=h password=hunter2 user=bob"))
			.isEqualTo("host=h password=xxxxx user=bob");
		assertThat(ConnectionUrls.hasLiteralPassword("postgresql://{{username}}:{{password}}@h/db")).isFalse();
		assertThat(ConnectionUrls.hasLiteralPassword("host=h password='{{password}}'")).isFalse();
	}

}
