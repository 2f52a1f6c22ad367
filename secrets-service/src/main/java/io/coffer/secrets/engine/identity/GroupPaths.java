package io.coffer.secrets.engine.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.coffer.secrets.kernel.LogicalRequest;
import io.coffer.secrets.kernel.LogicalResponse;
import io.coffer.secrets.kernel.Operation;
import io.coffer.secrets.kernel.PathSpec;
import io.coffer.secrets.kernel.VaultException;

/**
 * {@code identity/group}, {@code group/id/<id>}, {@code group/name/<name>} and their
 * LISTs (internal and external groups).
 */
final class GroupPaths {

	private final Identities identities;

	private final Groups groups;

	private final IdentityViews views;

	GroupPaths(Identities identities, Groups groups, IdentityViews views) {
		this.identities = identities;
		this.groups = groups;
		this.views = views;
	}

	List<PathSpec> paths() {
		return List.of(
				PathSpec.path("group")
					.on(Operation.CREATE, (r, c) -> write(r, AliasPaths.blankToNull(fields(r).string("id")), null))
					.on(Operation.UPDATE, (r, c) -> write(r, AliasPaths.blankToNull(fields(r).string("id")), null)),
				PathSpec.path("group/id/?").on(Operation.LIST, (r, c) -> listById()),
				PathSpec.path("group/id/(.+)")
					.on(Operation.READ,
							(r, c) -> read(this.identities.store().group(EntityPaths.suffix(r)).orElse(null)))
					.on(Operation.CREATE, (r, c) -> write(r, EntityPaths.suffix(r), null))
					.on(Operation.UPDATE, (r, c) -> write(r, EntityPaths.suffix(r), null))
					.on(Operation.DELETE,
							(r, c) -> delete(this.identities.store().group(EntityPaths.suffix(r)).orElse(null))),
				PathSpec.path("group/name/?").on(Operation.LIST, (r, c) -> listByName()),
				PathSpec.path("group/name/(.+)")
					.on(Operation.READ,
							(r, c) -> read(this.identities.store().groupByName(EntityPaths.suffix(r)).orElse(null)))
					.on(Operation.CREATE, (r, c) -> write(r, null, EntityPaths.suffix(r)))
					.on(Operation.UPDATE, (r, c) -> write(r, null, EntityPaths.suffix(r)))
					.on(Operation.DELETE,
							(r, c) -> delete(this.identities.store().groupByName(EntityPaths.suffix(r)).orElse(null))));
	}

	private LogicalResponse write(LogicalRequest request, String id, String pathName) {
		IdentityFields fields = fields(request);
		String name = (pathName != null) ? pathName : fields.string("name");
		Group group = this.groups
			.writeGroup(new Groups.GroupWrite(id, name, fields.string("type"), fields.list("policies"),
					fields.list("member_entity_ids"), fields.list("member_group_ids"), fields.pairs("metadata")));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", group.id());
		data.put("name", group.name());
		return LogicalResponse.data(data);
	}

	private LogicalResponse read(Group group) {
		if (group == null) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(this.views.group(group));
	}

	private LogicalResponse delete(Group group) {
		if (group != null) {
			this.groups.deleteGroup(group.id());
		}
		return LogicalResponse.empty();
	}

	private LogicalResponse listById() {
		List<Group> groups = this.identities.store().groups();
		if (groups.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> info = new LinkedHashMap<>();
		for (Group group : groups) {
			info.put(group.id(), Map.of("name", group.name(), "num_member_entities", group.memberEntityIds().size(),
					"num_parent_groups", this.views.parentGroupIds(group).size()));
		}
		return LogicalResponse.data(IdentityViews.keys(List.copyOf(info.keySet()), info));
	}

	private LogicalResponse listByName() {
		List<String> names = this.identities.store().groups().stream().map(Group::name).sorted().toList();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(IdentityViews.keys(names, null));
	}

	private static IdentityFields fields(LogicalRequest request) {
		return new IdentityFields(request.data());
	}

}
