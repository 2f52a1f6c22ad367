package io.coffer.secrets.auth.approle;

import java.util.List;
import java.util.Map;

import io.coffer.secrets.token.FieldSchema;

/** Vault's request fields of the AppRole paths Coffer serves. */
final class AppRoleFields {

	static final FieldSchema ROLE = FieldSchema
		.of(List.of("role_name", "bind_secret_id", "bound_cidr_list", "secret_id_bound_cidrs", "policies",
				"secret_id_num_uses", "secret_id_ttl", "period", "role_id"),
				Map.of("local_secret_ids", "secret IDs are never cluster-local in Coffer (no replication)"))
		.with(FieldSchema.TOKEN_FIELDS);

	static final FieldSchema ROLE_ID = FieldSchema.of(List.of("role_name", "role_id"), Map.of());

	static final FieldSchema SECRET_ID = FieldSchema
		.of(List.of("role_name", "metadata", "cidr_list", "token_bound_cidrs", "num_uses", "ttl"), Map.of());

	static final FieldSchema CUSTOM_SECRET_ID = SECRET_ID.with(List.of("secret_id"));

	static final FieldSchema BY_SECRET_ID = FieldSchema.of(List.of("role_name", "secret_id"), Map.of());

	static final FieldSchema BY_ACCESSOR = FieldSchema.of(List.of("role_name", "secret_id_accessor"), Map.of());

	private AppRoleFields() {
	}

	/** The schema of a path below {@code role/:name/}, or null for an unknown path. */
	static FieldSchema forSubPath(String rest) {
		return switch (rest) {
			case "role-id" -> ROLE_ID;
			case "secret-id", "secret-id/" -> SECRET_ID;
			case "custom-secret-id" -> CUSTOM_SECRET_ID;
			case "secret-id/lookup", "secret-id/destroy" -> BY_SECRET_ID;
			case "secret-id-accessor/lookup", "secret-id-accessor/destroy" -> BY_ACCESSOR;
			default -> null;
		};
	}

}
