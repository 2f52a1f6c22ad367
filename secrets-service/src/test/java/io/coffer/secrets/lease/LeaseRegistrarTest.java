package io.coffer.secrets.lease;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.coffer.secrets.barrier.TestBarriers;
import io.coffer.secrets.kernel.LeasedSecret;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SecretEngine;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registration of a secret's lease when no lease-service is configured, and the TTLs
 * a lease is granted.
 */
class LeaseRegistrarTest {

	private static final MountEntry MOUNT = new MountEntry("db/", "leasetest", "", "leasetest_1234", "uuid-1",
			new MountEntry.MountConfig(300, 600, false), Map.of());

	private final List<Map<String, Object>> revoked = new CopyOnWriteArrayList<>();

	private final LeaseRegistrar registrar = new LeaseRegistrar(unconfigured(),
			new RevocationData(TestBarriers.unsealed(new InMemoryStorage())), new SecureRandom(),
			new MountLeases(unconfigured()));

	@Test
	void withoutLeaseServiceASecretIsRevokedAndTheRequestFailsCleanly() {
		LogicalResponse issued = LogicalResponse.data(Map.of("password", "pw-s3cret"))
			.withSecret(new LeasedSecret(60, 0, true, "ro", Map.of("username", "v-ro-1")));

		assertThatThrownBy(() -> this.registrar.register(engine(false), request(), "acc", issued))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(500);
				assertThat(ex.errors()).containsExactly("failed to register lease: no lease-service is configured");
			});
		assertThat(this.revoked).containsExactly(Map.of("username", "v-ro-1"));
	}

	@Test
	void aFailedRevocationStillEndsTheRequestWithTheRegistrationError() {
		LogicalResponse issued = LogicalResponse.data(Map.of("password", "pw-s3cret"))
			.withSecret(new LeasedSecret(60, 0, true, "ro", Map.of("username", "v-ro-2")));

		assertThatThrownBy(() -> this.registrar.register(engine(true), request(), "acc", issued))
			.isInstanceOfSatisfying(VaultException.class, (ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void aResponseWithoutASecretIsLeftAlone() {
		LogicalResponse plain = LogicalResponse.data(Map.of("value", "x"));

		assertThat(this.registrar.register(engine(false), request(), "acc", plain)).isSameAs(plain);
		assertThat(this.revoked).isEmpty();
	}

	@Test
	void theEnginesTtlIsCappedByItsMaximumAndTheMounts() {
		assertThat(LeaseTerms.of(secret(0, 0), MOUNT)).isEqualTo(new LeaseTerms(300, 600));
		assertThat(LeaseTerms.of(secret(7200, 0), MOUNT)).isEqualTo(new LeaseTerms(600, 600));
		assertThat(LeaseTerms.of(secret(100, 50), MOUNT)).isEqualTo(new LeaseTerms(50, 50));
		assertThat(LeaseTerms.of(secret(100, 9000), MOUNT)).isEqualTo(new LeaseTerms(100, 600));
		MountEntry untuned = MOUNT.withConfig(MountEntry.MountConfig.DEFAULTS);
		assertThat(LeaseTerms.of(secret(0, 0), untuned))
			.isEqualTo(new LeaseTerms(MountEntry.SYSTEM_DEFAULT_TTL_SECONDS, MountEntry.SYSTEM_DEFAULT_TTL_SECONDS));
	}

	@Test
	void aBatchTokensCapShortensTheTermsButNeverLengthensThem() {
		LeaseTerms terms = LeaseTerms.of(secret(0, 0), MOUNT);
		assertThat(terms.cappedAt(120)).isEqualTo(new LeaseTerms(120, 120));
		assertThat(terms.cappedAt(450)).isEqualTo(new LeaseTerms(300, 450));
		assertThat(terms.cappedAt(9000)).isEqualTo(terms);
		assertThat(terms.cappedAt(0)).isEqualTo(terms);
	}

	private static LeasedSecret secret(long ttl, long max) {
		return new LeasedSecret(ttl, max, true, "", Map.of());
	}

	private static LogicalRequest request() {
		return new LogicalRequest(Operation.READ, "creds/ro", Map.of(), MOUNT, "request-1");
	}

	private SecretEngine engine(boolean refuse) {
		return new SecretEngine() {

			@Override
			public LogicalResponse handle(LogicalRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void revokeSecret(Map<String, Object> internalData) {
				if (refuse) {
					throw VaultException.badRequest("backend down");
				}
				LeaseRegistrarTest.this.revoked.add(internalData);
			}

		};
	}

	private static LeaseServiceClient unconfigured() {
		return new LeaseServiceClient(HttpClient.newHttpClient(), null,
				new LeaseProperties(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 10, Duration.ofSeconds(1)),
				JsonMapper.builder().build());
	}

}
