package io.coffer.secrets.engine.identity;

import java.util.List;
import java.util.Optional;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code identity/lookup/entity} and {@code identity/lookup/group}: one criterion
 * ({@code id}, {@code name}, {@code alias_id} or {@code alias_name} with
 * {@code alias_mount_accessor}); nothing found answers 204, as in Vault.
 */
final class LookupPaths {

	private static final String CRITERIA = "\"id\", \"name\", \"alias_id\" or a pair of \"alias_name\" and "
			+ "\"alias_mount_accessor\"";

	private final IdentityStore store;

	private final IdentityViews views;

	LookupPaths(IdentityStore store, IdentityViews views) {
		this.store = store;
		this.views = views;
	}

	List<PathSpec> paths() {
		return List.of(
				PathSpec.path("lookup/entity")
					.on(Operation.CREATE, (r, c) -> entity(r))
					.on(Operation.UPDATE, (r, c) -> entity(r)),
				PathSpec.path("lookup/group")
					.on(Operation.CREATE, (r, c) -> group(r))
					.on(Operation.UPDATE, (r, c) -> group(r)));
	}

	private LogicalResponse entity(LogicalRequest request) {
		Criterion criterion = criterion(request);
		Optional<Entity> found = switch (criterion.kind()) {
			case "id" -> this.store.entity(criterion.value());
			case "name" -> this.store.entityByName(criterion.value());
			case "alias_id" -> this.store.alias(criterion.value()).flatMap((a) -> this.store.entity(a.canonicalId()));
			default -> this.store.aliasByName(criterion.accessor(), criterion.value())
				.flatMap((a) -> this.store.entity(a.canonicalId()));
		};
		return found.map((entity) -> LogicalResponse.data(this.views.entity(entity))).orElse(LogicalResponse.empty());
	}

	/** By id, name, or the group alias of an external group. */
	private LogicalResponse group(LogicalRequest request) {
		Criterion criterion = criterion(request);
		Optional<Group> found = switch (criterion.kind()) {
			case "id" -> this.store.group(criterion.value());
			case "name" -> this.store.groupByName(criterion.value());
			case "alias_id" -> this.store.groupByAliasId(criterion.value());
			default -> this.store.groupByAlias(criterion.accessor(), criterion.value());
		};
		return found.map((group) -> LogicalResponse.data(this.views.group(group))).orElse(LogicalResponse.empty());
	}

	private static Criterion criterion(LogicalRequest request) {
		IdentityFields fields = new IdentityFields(request.data());
		String id = AliasPaths.blankToNull(fields.string("id"));
		String name = AliasPaths.blankToNull(fields.string("name"));
		String aliasId = AliasPaths.blankToNull(fields.string("alias_id"));
		String aliasName = AliasPaths.blankToNull(fields.string("alias_name"));
		String accessor = AliasPaths.blankToNull(fields.string("alias_mount_accessor"));
		if ((aliasName == null) != (accessor == null)) {
			throw VaultException.badRequest("both 'alias_name' and 'alias_mount_accessor' need to be set");
		}
		int given = count(id) + count(name) + count(aliasId) + count(aliasName);
		if (given == 0) {
			throw VaultException.badRequest("one of " + CRITERIA + " must be supplied");
		}
		if (given > 1) {
			throw VaultException.badRequest("only one of " + CRITERIA + " can be supplied");
		}
		if (id != null) {
			return new Criterion("id", id, null);
		}
		if (name != null) {
			return new Criterion("name", name, null);
		}
		return (aliasId != null) ? new Criterion("alias_id", aliasId, null)
				: new Criterion("alias", aliasName, accessor);
	}

	private static int count(String value) {
		return (value != null) ? 1 : 0;
	}

	private record Criterion(String kind, String value, String accessor) {
	}

}
