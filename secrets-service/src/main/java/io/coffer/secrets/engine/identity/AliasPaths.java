package io.coffer.secrets.engine.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/** {@code identity/entity-alias}, {@code entity-alias/id/<id>} and its LIST. */
final class AliasPaths {

	private final Identities identities;

	private final IdentityViews views;

	AliasPaths(Identities identities, IdentityViews views) {
		this.identities = identities;
		this.views = views;
	}

	List<PathSpec> paths() {
		return List.of(
				PathSpec.path("entity-alias")
					.on(Operation.CREATE, (r, c) -> write(r, blankToNull(fields(r).string("id"))))
					.on(Operation.UPDATE, (r, c) -> write(r, blankToNull(fields(r).string("id")))),
				PathSpec.path("entity-alias/id/?").on(Operation.LIST, (r, c) -> list()),
				PathSpec.path("entity-alias/id/(.+)")
					.on(Operation.READ, (r, c) -> read(r))
					.on(Operation.CREATE, (r, c) -> write(r, EntityPaths.suffix(r)))
					.on(Operation.UPDATE, (r, c) -> write(r, EntityPaths.suffix(r)))
					.on(Operation.DELETE, (r, c) -> delete(r)));
	}

	private LogicalResponse write(LogicalRequest request, String id) {
		IdentityFields fields = fields(request);
		EntityAlias alias = this.identities
			.writeAlias(new Identities.AliasWrite(id, fields.string("name"), fields.string("mount_accessor"),
					blankToNull(fields.string("canonical_id")), fields.pairs("custom_metadata")));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("canonical_id", alias.canonicalId());
		data.put("id", alias.id());
		return LogicalResponse.data(data);
	}

	private LogicalResponse read(LogicalRequest request) {
		EntityAlias alias = this.identities.store()
			.alias(EntityPaths.suffix(request))
			.orElseThrow(VaultException::notFound);
		return LogicalResponse.data(this.views.alias(alias));
	}

	private LogicalResponse delete(LogicalRequest request) {
		this.identities.deleteAlias(EntityPaths.suffix(request));
		return LogicalResponse.empty();
	}

	private LogicalResponse list() {
		List<EntityAlias> aliases = this.identities.store().aliases();
		if (aliases.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> info = new LinkedHashMap<>();
		for (EntityAlias alias : aliases) {
			Map<String, Object> view = this.views.alias(alias);
			Map<String, Object> one = new LinkedHashMap<>();
			for (String key : List.of("canonical_id", "custom_metadata", "mount_accessor", "mount_path", "mount_type",
					"name")) {
				one.put(key, view.get(key));
			}
			info.put(alias.id(), one);
		}
		return LogicalResponse.data(IdentityViews.keys(List.copyOf(info.keySet()), info));
	}

	private static IdentityFields fields(LogicalRequest request) {
		return new IdentityFields(request.data());
	}

	static String blankToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
