package io.coffer.secrets.token;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.VaultException;

/**
 * The request fields of one Vault endpoint: those Coffer implements, and those of Vault's
 * schema it does not. A field of the second kind set to anything but its empty default is
 * a 400 naming it, so a restriction is never accepted and silently dropped. A field of
 * neither kind is unknown to Vault too; Vault ignores it (and warns, when it answers with
 * a body), so Coffer does as well.
 */
public final class FieldSchema {

	/**
	 * Vault's {@code tokenutil} fields, shared by every auth method's roles and users.
	 */
	public static final Set<String> TOKEN_FIELDS = Set.of("token_bound_cidrs", "token_explicit_max_ttl",
			"token_max_ttl", "token_no_default_policy", "token_num_uses", "token_period", "token_policies",
			"token_type", "token_ttl");

	private final Set<String> implemented;

	private final Map<String, String> unsupported;

	private FieldSchema(Set<String> implemented, Map<String, String> unsupported) {
		this.implemented = Set.copyOf(implemented);
		this.unsupported = Map.copyOf(unsupported);
	}

	/**
	 * @param implemented fields Coffer reads
	 * @param unsupported fields of Vault's schema Coffer does not implement, each with
	 * the reason given to the client
	 */
	public static FieldSchema of(Collection<String> implemented, Map<String, String> unsupported) {
		return new FieldSchema(Set.copyOf(implemented), unsupported);
	}

	/** This schema with more implemented fields. */
	public FieldSchema with(Collection<String> more) {
		Set<String> all = new TreeSet<>(this.implemented);
		all.addAll(more);
		return new FieldSchema(all, this.unsupported);
	}

	/**
	 * Checks a write's fields.
	 * @return the known fields only (an unknown one is ignored, as Vault ignores it)
	 * @throws VaultException 400 naming the first field Coffer does not implement that is
	 * set
	 */
	public Fields accept(Map<String, Object> data) {
		if (data == null) {
			return Fields.of(Map.of());
		}
		for (String name : new TreeSet<>(data.keySet())) {
			String reason = this.unsupported.get(name);
			if (reason != null && !isEmptyDefault(data.get(name))) {
				throw VaultException.badRequest("field \"" + name + "\" is not supported: " + reason);
			}
		}
		Map<String, Object> known = new LinkedHashMap<>();
		data.forEach((name, value) -> {
			if (this.implemented.contains(name)) {
				known.put(name, value);
			}
		});
		return Fields.of(known);
	}

	/**
	 * The fields of {@code request}: checked by {@link #accept} when it writes (create or
	 * update), as sent otherwise (query parameters of a read).
	 */
	public Fields of(LogicalRequest request) {
		boolean write = request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE;
		return write ? accept(request.data()) : Fields.of(request.data());
	}

	/**
	 * Vault's warning for fields neither implemented nor in Vault's schema, or none.
	 */
	public List<String> warnings(Map<String, Object> data) {
		if (data == null) {
			return List.of();
		}
		TreeSet<String> ignored = new TreeSet<>(data.keySet());
		ignored.removeAll(this.implemented);
		ignored.removeAll(this.unsupported.keySet());
		if (ignored.isEmpty()) {
			return List.of();
		}
		return List.of("Endpoint ignored these unrecognized parameters: [" + String.join(" ", ignored) + "]");
	}

	/**
	 * What a client that does not use a field sends for it: nothing, null, an empty
	 * string, list or map, false or zero (Vault's Go client always sends
	 * {@code "entity_alias": ""}, for example).
	 */
	private static boolean isEmptyDefault(Object value) {
		return switch (value) {
			case null -> true;
			case Boolean flag -> !flag;
			case Number number -> number.doubleValue() == 0;
			case String text -> {
				String trimmed = text.trim();
				yield trimmed.isEmpty() || trimmed.equals("false") || trimmed.equals("0") || trimmed.equals("0s");
			}
			case Collection<?> items -> items.isEmpty();
			case Map<?, ?> map -> map.isEmpty();
			default -> false;
		};
	}

}
