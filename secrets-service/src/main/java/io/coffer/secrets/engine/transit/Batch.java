package io.coffer.secrets.engine.transit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.VaultException;

/**
 * Vault's batch mode: each {@code batch_input} item is processed on its own, a failed
 * item carries {@code error} and the others still succeed; {@code reference} is echoed.
 * Any failed item makes the whole answer 400 (500 if only internal errors), unless
 * {@code partial_failure_response_code} is given and at least one item succeeded.
 */
final class Batch {

	private static final Logger log = LoggerFactory.getLogger(Batch.class);

	private final List<Map<String, Object>> results = new ArrayList<>();

	private boolean successes;

	private boolean userErrors;

	private boolean internalErrors;

	private Batch() {
	}

	/**
	 * The items of {@code batch_input}, or null when the request is a single item.
	 * @throws VaultException 400 when the field is not a non-empty list of objects
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> items(Map<String, Object> data) {
		Object raw = data.get("batch_input");
		if (raw == null) {
			return null;
		}
		if (!(raw instanceof List<?> list)) {
			throw VaultException.badRequest("failed to parse batch input: source data must be an array or slice");
		}
		List<Map<String, Object>> items = new ArrayList<>(list.size());
		for (int i = 0; i < list.size(); i++) {
			if (!(list.get(i) instanceof Map<?, ?> item)) {
				throw VaultException.badRequest("failed to parse batch input: [" + i + "] expected a map");
			}
			items.add((Map<String, Object>) item);
		}
		if (items.isEmpty()) {
			throw VaultException.badRequest("missing batch input to process");
		}
		return items;
	}

	/**
	 * Runs {@code operation} once on the request itself (no batch: a failure is the
	 * request's error) or on every batch item.
	 */
	static LogicalResponse process(Map<String, Object> data, List<Map<String, Object>> items,
			Function<Map<String, Object>, Map<String, Object>> operation) {
		if (items == null) {
			return LogicalResponse.data(new LinkedHashMap<>(operation.apply(data)));
		}
		Batch batch = new Batch();
		for (Map<String, Object> item : items) {
			batch.run(item, operation);
		}
		return batch.respond(data);
	}

	private void run(Map<String, Object> item, Function<Map<String, Object>, Map<String, Object>> operation) {
		Map<String, Object> result = new LinkedHashMap<>();
		try {
			result.putAll(operation.apply(item));
			this.successes = true;
		}
		catch (VaultException ex) {
			if (ex.status() >= 500) {
				this.internalErrors = true;
			}
			else {
				this.userErrors = true;
			}
			result.put("error", String.join("; ", ex.errors()));
		}
		catch (RuntimeException ex) {
			log.error("Transit batch item failed with {}", ex.getClass().getName());
			this.internalErrors = true;
			result.put("error", "internal error");
		}
		result.put("reference", TransitFields.string(item, "reference"));
		this.results.add(result);
	}

	private LogicalResponse respond(Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("batch_results", this.results);
		LogicalResponse response = LogicalResponse.data(body);
		if (!this.userErrors && !this.internalErrors) {
			return response;
		}
		int code = this.userErrors ? 400 : 500;
		List<String> warnings = new ArrayList<>();
		if (TransitFields.has(data, "partial_failure_response_code") && this.successes) {
			int requested = TransitFields.integer(data, "partial_failure_response_code", 0);
			if (requested < 1 || requested > 599) {
				warnings.add(
						"invalid HTTP response code override from partial_failure_response_code, reverting to " + code);
			}
			else {
				code = requested;
			}
		}
		return response.withStatus(code).withWarnings(warnings);
	}

}
