package io.coffer.secrets.lease;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.barrier.BarrierException;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.VaultException;

import org.springframework.stereotype.Component;

/**
 * An engine's internal data as lease-service holds it ({@code revocationData}): JSON,
 * sealed by the barrier under its active key term with the lease id as context, base64.
 * lease-service can neither read it nor move it to another lease; any node of the cluster
 * opens it, also after the barrier's key was rotated.
 */
@Component
public class RevocationData {

	private final Barrier barrier;

	RevocationData(Barrier barrier) {
		this.barrier = barrier;
	}

	/** Seals {@code internalData} for the lease {@code leaseId}. */
	public String seal(String leaseId, Map<String, Object> internalData) {
		byte[] plain = Json.write(internalData);
		try {
			return Base64.getEncoder().encodeToString(this.barrier.sealDetached(leaseId, plain));
		}
		finally {
			java.util.Arrays.fill(plain, (byte) 0);
		}
	}

	/**
	 * Opens what {@link #seal} sealed for the same lease.
	 * @throws VaultException 400 when it is not revocation data of that lease (another
	 * lease's, altered, or another cluster's)
	 */
	public Map<String, Object> open(String leaseId, String sealed) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder()
				.decode((sealed != null) ? sealed.getBytes(StandardCharsets.US_ASCII) : new byte[0]);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		try {
			return Json.readMap(this.barrier.openDetached(leaseId, bytes));
		}
		catch (BarrierException ex) {
			throw invalid();
		}
	}

	private static VaultException invalid() {
		return VaultException.badRequest("the revocation data does not belong to this lease");
	}

}
