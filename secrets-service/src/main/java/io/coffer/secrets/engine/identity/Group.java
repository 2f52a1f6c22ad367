package io.coffer.secrets.engine.identity;

import java.util.List;
import java.util.Map;

/**
 * An identity group: its policies apply to every member entity and, through
 * {@code member_group_ids}, to the members of its member groups. An internal group's
 * members are set through the API; an external group's member entities are set by logins
 * reporting its alias, and it has no member groups.
 *
 * @param id its UUID
 * @param name unique, compared without case
 * @param policies the group's policies
 * @param memberEntityIds entities in the group
 * @param memberGroupIds groups in the group (whose members inherit its policies)
 * @param metadata free key/value pairs
 * @param creationTime RFC 3339
 * @param lastUpdateTime RFC 3339
 * @param modifyIndex counts the group's writes
 * @param type {@code internal} or {@code external} (groups stored before external groups
 * existed have none: internal)
 * @param alias an external group's alias, or null
 */
record Group(String id, String name, List<String> policies, List<String> memberEntityIds, List<String> memberGroupIds,
		Map<String, String> metadata, String creationTime, String lastUpdateTime, long modifyIndex, String type,
		GroupAlias alias) {

	static final String INTERNAL = "internal";

	static final String EXTERNAL = "external";

	Group {
		policies = (policies != null) ? List.copyOf(policies) : List.of();
		memberEntityIds = (memberEntityIds != null) ? List.copyOf(memberEntityIds) : List.of();
		memberGroupIds = (memberGroupIds != null) ? List.copyOf(memberGroupIds) : List.of();
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		type = (type != null && !type.isEmpty()) ? type : INTERNAL;
	}

	boolean external() {
		return EXTERNAL.equals(this.type);
	}

	Group withMemberEntityIds(List<String> ids, String now) {
		return new Group(this.id, this.name, this.policies, ids, this.memberGroupIds, this.metadata, this.creationTime,
				now, this.modifyIndex + 1, this.type, this.alias);
	}

	Group withMemberGroupIds(List<String> ids, String now) {
		return new Group(this.id, this.name, this.policies, this.memberEntityIds, ids, this.metadata, this.creationTime,
				now, this.modifyIndex + 1, this.type, this.alias);
	}

	Group withAlias(GroupAlias newAlias, String now) {
		return new Group(this.id, this.name, this.policies, this.memberEntityIds, this.memberGroupIds, this.metadata,
				this.creationTime, now, this.modifyIndex + 1, this.type, newAlias);
	}

}
