package io.coffer.secrets.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.secrets.kernel.Caller;
import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.SysEndpoint;
import io.coffer.secrets.kernel.VaultException;
import io.coffer.secrets.token.Fields;

import org.springframework.stereotype.Component;

/**
 * {@code sys/quotas/rate-limit} (LIST), {@code sys/quotas/rate-limit/<name>} (read,
 * write, delete) and {@code sys/quotas/config} (read, write), with Vault's fields,
 * defaults and messages. {@code sys/quotas/lease-count} belongs to the lease service and
 * is not served here.
 */
@Component
class QuotasEndpoint implements SysEndpoint {

	private static final String RATE_LIMIT = "quotas/rate-limit";

	private static final String CONFIG = "quotas/config";

	/** Vault's {@code framework.GenericNameRegex}. */
	private static final Pattern NAME = Pattern.compile("\\w(([\\w.-]+)?\\w)?");

	private final RateLimitQuotas quotas;

	private final RateLimitQuotaReader reader;

	QuotasEndpoint(RateLimitQuotas quotas, RateLimitQuotaReader reader) {
		this.quotas = quotas;
		this.reader = reader;
	}

	@Override
	public boolean matches(String path) {
		return path.equals(CONFIG) || path.equals(RATE_LIMIT) || path.startsWith(RATE_LIMIT + "/");
	}

	@Override
	public LogicalResponse handle(LogicalRequest request, Caller caller) {
		String path = request.path();
		if (path.equals(CONFIG)) {
			return config(request);
		}
		String name = path.substring(RATE_LIMIT.length()).replaceFirst("^/", "");
		if (name.isEmpty()) {
			return list(request.operation());
		}
		if (!NAME.matcher(name).matches()) {
			throw VaultException.unsupportedPath(path);
		}
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(this.quotas.get(name).orElseThrow(VaultException::notFound).toData());
			case CREATE, UPDATE -> {
				this.quotas.put(this.reader.read(name, request.data()));
				yield LogicalResponse.empty();
			}
			case DELETE -> {
				this.quotas.delete(name);
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

	private LogicalResponse list(Operation operation) {
		if (operation != Operation.LIST) {
			throw VaultException.unsupportedOperation();
		}
		List<String> names = this.quotas.names();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("keys", names);
		return LogicalResponse.data(data);
	}

	private LogicalResponse config(LogicalRequest request) {
		return switch (request.operation()) {
			case READ -> LogicalResponse.data(this.quotas.config().toData());
			case CREATE, UPDATE -> {
				// As Vault: every field is written, an absent one with its zero value.
				Fields fields = Fields.of(request.data());
				this.quotas.config(new QuotaConfig(fields.list("rate_limit_exempt_paths"),
						fields.bool("enable_rate_limit_audit_logging", false),
						fields.bool("enable_rate_limit_response_headers", false)));
				yield LogicalResponse.empty();
			}
			default -> throw VaultException.unsupportedOperation();
		};
	}

}
