package io.coffer.secrets.engine.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/** {@code identity/group-alias}, {@code group-alias/id/<id>} and its LIST. */
final class GroupAliasPaths {

	private final Identities identities;

	private final Groups groups;

	private final IdentityViews views;

	GroupAliasPaths(Identities identities, Groups groups, IdentityViews views) {
		this.identities = identities;
		this.groups = groups;
		this.views = views;
	}

	List<PathSpec> paths() {
		return List.of(
				PathSpec.path("group-alias")
					.on(Operation.CREATE, (r, c) -> write(r, AliasPaths.blankToNull(fields(r).string("id"))))
					.on(Operation.UPDATE, (r, c) -> write(r, AliasPaths.blankToNull(fields(r).string("id")))),
				PathSpec.path("group-alias/id/?").on(Operation.LIST, (r, c) -> list()),
				PathSpec.path("group-alias/id/(.+)")
					.on(Operation.READ, (r, c) -> read(r))
					.on(Operation.CREATE, (r, c) -> write(r, EntityPaths.suffix(r)))
					.on(Operation.UPDATE, (r, c) -> write(r, EntityPaths.suffix(r)))
					.on(Operation.DELETE, (r, c) -> delete(r)));
	}

	private LogicalResponse write(LogicalRequest request, String id) {
		IdentityFields fields = fields(request);
		GroupAlias alias = this.groups.writeGroupAlias(new Groups.GroupAliasWrite(id, fields.string("name"),
				fields.string("mount_accessor"), AliasPaths.blankToNull(fields.string("canonical_id"))));
		if (alias == null) {
			return LogicalResponse.empty();
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("canonical_id", alias.canonicalId());
		data.put("id", alias.id());
		return LogicalResponse.data(data);
	}

	private LogicalResponse read(LogicalRequest request) {
		Group group = this.identities.store()
			.groupByAliasId(EntityPaths.suffix(request))
			.orElseThrow(VaultException::notFound);
		return LogicalResponse.data(this.views.groupAlias(group.alias()));
	}

	private LogicalResponse delete(LogicalRequest request) {
		this.groups.deleteGroupAlias(EntityPaths.suffix(request));
		return LogicalResponse.empty();
	}

	private LogicalResponse list() {
		List<GroupAlias> aliases = this.identities.store().groupAliases();
		if (aliases.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> info = new LinkedHashMap<>();
		for (GroupAlias alias : aliases) {
			Map<String, Object> view = this.views.groupAlias(alias);
			Map<String, Object> one = new LinkedHashMap<>();
			for (String key : List.of("canonical_id", "mount_accessor", "mount_path", "mount_type", "name")) {
				one.put(key, view.get(key));
			}
			info.put(alias.id(), one);
		}
		return LogicalResponse.data(IdentityViews.keys(List.copyOf(info.keySet()), info));
	}

	private static IdentityFields fields(LogicalRequest request) {
		return new IdentityFields(request.data());
	}

}
