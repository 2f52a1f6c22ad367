package io.coffer.lease.api;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.coffer.lease.lease.LeaseService;
import io.coffer.lease.store.Lease;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.vault.VaultRequest;
import io.coffer.support.web.vault.VaultResponses;
import io.coffer.support.web.vault.VaultValues;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vault's lease endpoints (vault-api.md §7) as the gateway forwards them, already
 * authorized: {@code sys/leases/lookup} (and its LIST), {@code sys/leases/renew},
 * {@code sys/leases/revoke} and the legacy {@code sys/renew}, {@code sys/revoke}.
 */
@RestController
public class LeasesController {

	private final LeaseService leases;

	private final LeaseQueries queries;

	private final JsonLimits limits;

	private final Clock clock;

	public LeasesController(LeaseService leases, LeaseQueries queries, JsonLimits limits, Clock clock) {
		this.leases = leases;
		this.queries = queries;
		this.limits = limits;
		this.clock = clock;
	}

	@RequestMapping({ "/v1/sys/leases/lookup", "/v1/sys/leases/lookup/**" })
	ResponseEntity<Object> lookup(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		if ("list".equals(request.operation())) {
			String prefix = request.below("sys/leases/lookup");
			if (!prefix.isEmpty() && !prefix.endsWith("/")) {
				prefix = prefix + "/";
			}
			return VaultResponses.keys(RequestIdFilter.of(http), this.queries.listLevel(prefix));
		}
		request.requireOperation("write");
		if (!request.below("sys/leases/lookup").isEmpty()) {
			throw new io.coffer.support.error.VaultErrorException(405, "unsupported operation");
		}
		Lease lease = this.leases.lookup(request.string("lease_id"));
		return VaultResponses.data(RequestIdFilter.of(http), describe(lease));
	}

	@RequestMapping({ "/v1/sys/leases/renew", "/v1/sys/leases/renew/**", "/v1/sys/renew", "/v1/sys/renew/**" })
	ResponseEntity<Object> renew(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		String leaseId = leaseId(request, "sys/leases/renew", "sys/renew");
		long increment = VaultValues.durationSeconds(request.fields().get("increment"), "increment");
		LeaseService.Renewed renewed = this.leases.renew(leaseId, increment);
		Map<String, Object> body = VaultResponses.envelope(RequestIdFilter.of(http), null);
		body.put("lease_id", renewed.leaseId());
		body.put("renewable", renewed.renewable());
		body.put("lease_duration", renewed.durationSeconds());
		return VaultResponses.json(body);
	}

	@RequestMapping({ "/v1/sys/leases/revoke", "/v1/sys/leases/revoke/**", "/v1/sys/revoke", "/v1/sys/revoke/**" })
	ResponseEntity<Object> revoke(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		String leaseId = leaseId(request, "sys/leases/revoke", "sys/revoke");
		boolean sync = VaultValues.bool(request.fields().get("sync"), "sync", true);
		return this.leases.revoke(leaseId, sync) ? VaultResponses.accepted() : VaultResponses.noContent();
	}

	/** The body's {@code lease_id}, else the one in the URL after the route. */
	private static String leaseId(VaultRequest request, String route, String legacyRoute) {
		String leaseId = request.string("lease_id");
		if (!leaseId.isEmpty()) {
			return leaseId;
		}
		return request.path().startsWith(route) ? request.below(route) : request.below(legacyRoute);
	}

	private Map<String, Object> describe(Lease lease) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", lease.leaseId());
		data.put("issue_time", VaultResponses.time(lease.issueTime()));
		data.put("expire_time", VaultResponses.time(lease.expireTime()));
		data.put("last_renewal", VaultResponses.time(lease.lastRenewal()));
		data.put("renewable", lease.renewable());
		data.put("ttl", Math.max(Duration.between(this.clock.instant(), lease.expireTime()).toSeconds(), 0));
		return data;
	}

}
