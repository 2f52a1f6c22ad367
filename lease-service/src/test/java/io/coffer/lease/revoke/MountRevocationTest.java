package io.coffer.lease.revoke;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.coffer.common.lease.LeasePaths;
import io.coffer.common.lease.MountLeasesRevocation;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.support.LeaseServiceTest;
import io.coffer.support.error.VaultErrorException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /internal/leases/revoke-mount}: a node about to disable a mount has every
 * lease of that mount revoked through it first, and is told when some could not be.
 */
class MountRevocationTest extends LeaseServiceTest {

	@Autowired
	PrefixRevocations prefixes;

	@Autowired
	LeaseQueries queries;

	@Test
	void revokesEveryLeaseOfTheMountAndNoOther() {
		String first = leaseId("unmounted/creds/ro");
		String second = leaseId("unmounted/creds/rw");
		String other = leaseId("unmountedtoo/creds/ro");
		for (String id : new String[] { first, second, other }) {
			assertThat(register(id, 3600, 0, true).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> revoked = revokeMount("unmounted/");

		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(NODE.revocations(first)).isEqualTo(1);
		assertThat(NODE.revocations(second)).isEqualTo(1);
		assertThat(lookup(first)).isEqualTo(400);
		assertThat(lookup(second)).isEqualTo(400);
		assertThat(NODE.revocations(other)).isZero();
		assertThat(lookup(other)).isEqualTo(200);
	}

	@Test
	void aMountWithoutLeasesIsDoneAtOnce() {
		assertThat(revokeMount("empty/").statusCode()).isEqualTo(204);
	}

	@Test
	void leasesTheNodeRefusesToRevokeFailItWithTheNodesError() {
		String id = leaseId("refusing/creds/ro");
		assertThat(register(id, 3600, 0, true).statusCode()).isEqualTo(200);
		NODE.answerRevocations(500, "permission denied to drop role");

		HttpResponse<String> refused = revokeMount("refusing/");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json(refused).path("errors").get(0).asString())
			.isEqualTo("failed to revoke 1 leases of refusing/: permission denied to drop role");
		assertThat(NODE.revocations(id)).isGreaterThanOrEqualTo(1);
		assertThat(lookup(id)).isEqualTo(200);
	}

	@Test
	void aWaitPastTheTimeoutFailsAndTheRevocationGoesOn() {
		String id = leaseId("slow/creds/ro");
		assertThat(register(id, 3600, 0, true).statusCode()).isEqualTo(200);
		NODE.delayRevocations(3000);
		MountRevocations impatient = new MountRevocations(this.prefixes, this.queries, Clock.systemUTC(),
				Duration.ofSeconds(1));

		assertThatThrownBy(() -> impatient.revoke(new MountLeasesRevocation("mount_accessor_1", "slow/")))
			.isInstanceOfSatisfying(VaultErrorException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.errors()).containsExactly("failed to revoke 1 leases of slow/: timed out after 1s");
			});
		await().atMost(Duration.ofSeconds(20)).until(() -> lookup(id) == 400);
		assertThat(NODE.revocations(id)).isEqualTo(1);
	}

	@Test
	void refusesAMissingOrRootPath() {
		assertThat(node("POST", LeasePaths.REVOKE_MOUNT,
				JSON.writeValueAsString(new MountLeasesRevocation("mount_accessor_1", "")))
			.statusCode()).isEqualTo(400);
		assertThat(node("POST", LeasePaths.REVOKE_MOUNT, JSON.writeValueAsString(new MountLeasesRevocation("", "x/")))
			.statusCode()).isEqualTo(400);
		assertThat(node("POST", LeasePaths.REVOKE_MOUNT, null).statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> revokeMount(String path) {
		return node("POST", LeasePaths.REVOKE_MOUNT,
				JSON.writeValueAsString(new MountLeasesRevocation("mount_accessor_1", path)));
	}

	private int lookup(String id) {
		return gateway("PUT", "/v1/sys/leases/lookup", body(Map.of("lease_id", id))).statusCode();
	}

}
