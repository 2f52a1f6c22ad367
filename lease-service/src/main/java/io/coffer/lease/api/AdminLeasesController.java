package io.coffer.lease.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.coffer.lease.lease.LeaseAdministration;
import io.coffer.lease.revoke.PrefixRevocations;
import io.coffer.lease.store.LeaseQueries;
import io.coffer.lease.store.PrefixJob;
import io.coffer.support.error.VaultErrorException;
import io.coffer.support.web.RequestIdFilter;
import io.coffer.support.web.json.JsonLimits;
import io.coffer.support.web.vault.VaultRequest;
import io.coffer.support.web.vault.VaultResponses;
import io.coffer.support.web.vault.VaultValues;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bulk lease endpoints: {@code revoke-prefix} (a background job, see
 * {@link PrefixRevocations}) and {@code revoke-force} with their legacy {@code sys/…}
 * aliases, the progress of revoke-prefix jobs ({@code sys/leases/revoke-prefix-status},
 * Coffer's), Vault Enterprise's irrevocable lease listing and counts
 * ({@code sys/leases?type=irrevocable}, {@code sys/leases/count}), and
 * {@code sys/leases/tidy}.
 */
@RestController
public class AdminLeasesController {

	private static final int MAX_IRREVOCABLE = 10000;

	private static final String TOO_MANY = "Command halted because many irrevocable leases were found. "
			+ "To emit the entire list, re-run the command with force set true.";

	private final PrefixRevocations prefixes;

	private final LeaseAdministration administration;

	private final JsonLimits limits;

	public AdminLeasesController(PrefixRevocations prefixes, LeaseAdministration administration, JsonLimits limits) {
		this.prefixes = prefixes;
		this.administration = administration;
		this.limits = limits;
	}

	@RequestMapping({ "/v1/sys/leases/revoke-prefix/**", "/v1/sys/revoke-prefix/**" })
	ResponseEntity<Object> revokePrefix(HttpServletRequest http) throws InterruptedException {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		String prefix = prefix(request, "sys/leases/revoke-prefix", "sys/revoke-prefix");
		boolean sync = VaultValues.bool(request.fields().get("sync"), "sync", true);
		String jobId = this.prefixes.start(prefix);
		if (!sync) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.header("X-Coffer-Revoke-Prefix-Job", jobId)
				.contentType(MediaType.APPLICATION_JSON)
				.build();
		}
		PrefixJob job = this.prefixes.await(jobId);
		if ("failed".equals(job.state())) {
			throw new VaultErrorException(500, "failed to revoke prefix " + prefix + ": " + job.irrevocable()
					+ " leases are irrevocable (sys/leases?type=irrevocable lists them)");
		}
		return VaultResponses.noContent();
	}

	@RequestMapping({ "/v1/sys/leases/revoke-force/**", "/v1/sys/revoke-force/**" })
	ResponseEntity<Object> revokeForce(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		this.prefixes.force(prefix(request, "sys/leases/revoke-force", "sys/revoke-force"));
		return VaultResponses.noContent();
	}

	@RequestMapping("/v1/sys/leases/revoke-prefix-status")
	ResponseEntity<Object> prefixStatus(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("read");
		String jobId = request.string("job_id");
		List<PrefixJob> jobs = jobId.isEmpty() ? this.prefixes.latest(50)
				: this.prefixes.job(jobId).map(List::of).orElse(List.of());
		if (!jobId.isEmpty() && jobs.isEmpty()) {
			throw new VaultErrorException(404, List.of());
		}
		return VaultResponses.data(RequestIdFilter.of(http),
				Map.of("jobs", jobs.stream().map(this::describe).toList()));
	}

	@RequestMapping("/v1/sys/leases")
	ResponseEntity<Object> list(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("read");
		if (!"irrevocable".equals(request.string("type").toLowerCase(Locale.ROOT))) {
			return VaultResponses.noContent();
		}
		String limit = request.string("limit");
		boolean all = "none".equalsIgnoreCase(limit) || VaultValues.bool(request.fields().get("force"), "force", false);
		int max = MAX_IRREVOCABLE;
		if (!limit.isEmpty() && !"none".equalsIgnoreCase(limit)) {
			try {
				max = Integer.parseInt(limit);
			}
			catch (NumberFormatException ex) {
				max = -1;
			}
			if (max <= 0) {
				throw new VaultErrorException(400, "invalid 'limit' provided");
			}
		}
		LeaseAdministration.IrrevocablePage page = this.administration.irrevocable(all ? Integer.MAX_VALUE : max);
		Map<String, Object> body = VaultResponses.envelope(RequestIdFilter.of(http), page.data());
		if (page.truncated()) {
			body.put("warnings", List.of(TOO_MANY));
		}
		return VaultResponses.json(body);
	}

	@RequestMapping("/v1/sys/leases/count")
	ResponseEntity<Object> count(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("read");
		String type = request.string("type").toLowerCase(Locale.ROOT);
		return switch (type) {
			case "irrevocable" ->
				VaultResponses.data(RequestIdFilter.of(http), this.administration.irrevocableCounts());
			case "", "all" -> VaultResponses.data(RequestIdFilter.of(http), this.administration.counts());
			default -> throw new VaultErrorException(400, "invalid 'type' provided: irrevocable or all");
		};
	}

	@RequestMapping("/v1/sys/leases/tidy")
	ResponseEntity<Object> tidy(HttpServletRequest http) {
		VaultRequest request = VaultRequest.of(http, this.limits);
		request.requireOperation("write");
		this.administration.tidy();
		Map<String, Object> body = VaultResponses.envelope(RequestIdFilter.of(http), null);
		body.put("warnings", List.of("Tidy operation successfully started. Any information from the operation will "
				+ "be printed to Vault's server logs."));
		return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static String prefix(VaultRequest request, String route, String legacyRoute) {
		String prefix = request.path().startsWith(route) ? request.below(route) : request.below(legacyRoute);
		if (prefix.isEmpty()) {
			throw new VaultErrorException(400, "missing prefix");
		}
		return prefix;
	}

	private Map<String, Object> describe(PrefixJob job) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("job_id", job.jobId());
		data.put("prefix", job.prefix());
		data.put("state", job.state());
		data.put("queued", job.queued());
		data.put("all_queued", job.markingDone());
		data.put("remaining", job.remaining());
		data.put("irrevocable", job.irrevocable());
		data.put("created_time", VaultResponses.time(job.createdTime()));
		data.put("updated_time", VaultResponses.time(job.updatedTime()));
		data.put("finished_time", VaultResponses.time(job.finishedTime()));
		return data;
	}

}
