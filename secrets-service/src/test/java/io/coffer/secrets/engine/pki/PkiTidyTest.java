package io.coffer.secrets.engine.pki;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;

import static org.assertj.core.api.Assertions.assertThat;

class PkiTidyTest {

	final PkiFixture pki = new PkiFixture();

	@BeforeEach
	void rootAndRole() {
		this.pki.root();
		this.pki.write("roles/any", "allow_any_name", true);
	}

	@Test
	void tidyRemovesCertificatesExpiredPastTheSafetyBufferAndTheirCrlEntries() throws Exception {
		String old = serial(this.pki.write("issue/any", "common_name", "old.test", "ttl", "1h").data());
		String revokedOld = serial(this.pki.write("issue/any", "common_name", "rev.test", "ttl", "1h").data());
		this.pki.write("revoke", "serial_number", revokedOld);
		this.pki.clock.advance(Duration.ofHours(2));
		String fresh = serial(this.pki.write("issue/any", "common_name", "new.test", "ttl", "24h").data());

		LogicalResponse tidy = this.pki.write("tidy", "tidy_cert_store", true, "tidy_revoked_certs", true,
				"safety_buffer", "30m");

		assertThat(tidy.status()).isEqualTo(202);
		assertThat(tidy.warnings()).hasSize(1);
		List<Object> keys = keys();
		assertThat(keys).contains(fresh).doesNotContain(old, revokedOld).hasSize(2);
		assertThat(crlHas(revokedOld)).isFalse();
		assertThat(this.pki.read("tidy-status").data()).containsEntry("state", "Finished")
			.containsEntry("cert_store_deleted_count", 2L)
			.containsEntry("revoked_cert_deleted_count", 1L);
	}

	@Test
	void theSafetyBufferKeepsRecentlyExpiredCertificates() {
		String old = serial(this.pki.write("issue/any", "common_name", "old.test", "ttl", "1h").data());
		this.pki.clock.advance(Duration.ofHours(2));

		this.pki.write("tidy", "tidy_cert_store", true);

		assertThat(keys()).contains(old);
		assertThat(this.pki.failure("tidy").status()).isEqualTo(400);
		assertThat(this.pki.failure("tidy", "tidy_cert_store", true, "safety_buffer", "0s").status()).isEqualTo(400);
	}

	@SuppressWarnings("unchecked")
	private List<Object> keys() {
		return (List<Object>) this.pki.call(Operation.LIST, "certs/", Map.of()).data().get("keys");
	}

	private boolean crlHas(String serial) throws Exception {
		try (var body = this.pki.read("crl").body()) {
			return PkiFixture.crl(body.content().readAllBytes())
				.getRevokedCertificate(new BigInteger(serial.replace(":", ""), 16)) != null;
		}
	}

	private static String serial(Map<String, Object> issued) {
		return (String) issued.get("serial_number");
	}

}
