package io.coffer.lease.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.lease.quota.LeaseCountQuota;
import io.coffer.lease.quota.LeaseCountQuotas;
import io.coffer.support.error.VaultErrorException;
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
 * Vault Enterprise's {@code sys/quotas/lease-count/<name>} (vault-api.md §7): create or
 * update ({@code path}, {@code role}, {@code max_leases}, {@code inheritable}), read,
 * delete, and LIST of the names.
 */
@RestController
public class LeaseCountQuotasController {

	private static final String ROUTE = "sys/quotas/lease-count";

	private final LeaseCountQuotas quotas;

	private final JsonLimits limits;

	public LeaseCountQuotasController(LeaseCountQuotas quotas, JsonLimits limits) {
		this.quotas = quotas;
		this.limits = limits;
	}

	@RequestMapping({ "/v1/sys/quotas/lease-count", "/v1/sys/quotas/lease-count/", "/v1/sys/quotas/lease-count/*" })
	ResponseEntity<Object> quota(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		String name = request.below(ROUTE);
		String requestId = RequestIdFilter.of(http);
		if ("list".equals(request.operation())) {
			return VaultResponses.keys(requestId, this.quotas.names());
		}
		if (name.isEmpty()) {
			throw new VaultErrorException(405, "unsupported operation");
		}
		return switch (request.operation()) {
			case "read" -> this.quotas.find(name)
				.map((quota) -> VaultResponses.data(requestId, describe(quota)))
				.orElseThrow(() -> new VaultErrorException(404, List.of()));
			case "write" -> {
				this.quotas.save(merge(name, request));
				yield VaultResponses.noContent();
			}
			case "delete" -> {
				this.quotas.delete(name);
				yield VaultResponses.noContent();
			}
			default -> throw new VaultErrorException(405, "unsupported operation");
		};
	}

	/** The stored quota with the request's fields over it (an update keeps the rest). */
	private LeaseCountQuota merge(String name, VaultRequest request) {
		LeaseCountQuota current = this.quotas.find(name).orElse(new LeaseCountQuota(name, "", "", 0, false, 0));
		Map<String, Object> fields = request.fields();
		String path = fields.containsKey("path") ? request.string("path") : current.path();
		if (path.startsWith("/")) {
			path = path.substring(1);
		}
		String role = fields.containsKey("role") ? request.string("role") : current.role();
		long max = fields.containsKey("max_leases") ? maxLeases(fields.get("max_leases")) : current.maxLeases();
		if (max <= 0) {
			throw new VaultErrorException(400, "'max_leases' is invalid");
		}
		boolean inheritable = VaultValues.bool(fields.get("inheritable"), "inheritable", current.inheritable());
		return new LeaseCountQuota(name, path, role, max, inheritable, current.leaseCount());
	}

	private static long maxLeases(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		try {
			return Long.parseLong(String.valueOf(value).trim());
		}
		catch (NumberFormatException ex) {
			throw new VaultErrorException(400, "error converting input " + value + " for field \"max_leases\"");
		}
	}

	private static Map<String, Object> describe(LeaseCountQuota quota) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("name", quota.name());
		data.put("path", quota.path());
		data.put("role", quota.role());
		data.put("max_leases", quota.maxLeases());
		data.put("inheritable", quota.inheritable());
		data.put("type", "lease-count");
		data.put("counter", quota.leaseCount());
		return data;
	}

}
