package io.coffer.lease.lease;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.lease.revoke.IrrevocableCleanup;
import io.coffer.lease.revoke.RevocationWorker;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.LeaseState;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Operators' views of the lease population, all aggregated or paged by the database:
 * counts per mount, irrevocable leases (Vault Enterprise's shapes), tidy.
 */
@Service
public class LeaseAdministration {

	private static final int PAGE = 1000;

	private final LeaseQueries queries;

	private final IrrevocableCleanup cleanup;

	private final ObjectProvider<RevocationWorker> worker;

	public LeaseAdministration(LeaseQueries queries, IrrevocableCleanup cleanup,
			ObjectProvider<RevocationWorker> worker) {
		this.queries = queries;
		this.cleanup = cleanup;
		this.worker = worker;
	}

	/** {@code lease_count} and {@code counts} per mount accessor of every lease. */
	public Map<String, Object> counts() {
		return counted(this.queries.countByMount(null));
	}

	/** The same for irrevocable leases ({@code sys/leases/count?type=irrevocable}). */
	public Map<String, Object> irrevocableCounts() {
		return counted(this.queries.countByMount(LeaseState.IRREVOCABLE));
	}

	/**
	 * Up to {@code limit} irrevocable leases in lease id order, as Vault lists them:
	 * {@code lease_id}, {@code mount_id} (the mount accessor), {@code error}.
	 */
	public IrrevocablePage irrevocable(int limit) {
		List<Map<String, Object>> leases = new ArrayList<>();
		String after = "";
		boolean truncated = false;
		while (true) {
			List<LeaseQueries.IrrevocableLease> page = this.queries.irrevocable(after, PAGE);
			for (LeaseQueries.IrrevocableLease lease : page) {
				if (leases.size() >= limit) {
					truncated = true;
					break;
				}
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("lease_id", lease.leaseId());
				entry.put("mount_id", lease.mountAccessor());
				entry.put("error", lease.error());
				leases.add(entry);
			}
			if (truncated || page.size() < PAGE) {
				break;
			}
			after = page.get(page.size() - 1).leaseId();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lease_count", leases.size());
		data.put("leases", leases);
		return new IrrevocablePage(data, truncated);
	}

	/**
	 * Vault's tidy: here, removes irrevocable leases past
	 * {@code remove-irrevocable-lease-after} now and wakes the revocation worker (claims
	 * of instances that died are taken over by the worker anyway).
	 */
	public void tidy() {
		Thread.ofVirtual().name("lease-tidy").start(() -> {
			this.cleanup.runNow();
			this.worker.ifAvailable(RevocationWorker::wakeUp);
		});
	}

	private static Map<String, Object> counted(Map<String, Long> perMount) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lease_count", perMount.values().stream().mapToLong(Long::longValue).sum());
		data.put("counts", perMount);
		return data;
	}

	/**
	 * A listing of irrevocable leases.
	 *
	 * @param data the {@code data} of the answer
	 * @param truncated whether more were left out
	 */
	public record IrrevocablePage(Map<String, Object> data, boolean truncated) {
	}

}
