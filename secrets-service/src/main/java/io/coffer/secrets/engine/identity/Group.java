package io.coffer.secrets.engine.identity;

import java.util.List;
import java.util.Map;

/**
 * An internal identity group: its policies apply to every member entity and, through
 * {@code member_group_ids}, to the members of its member groups.
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
 */
record Group(String id, String name, List<String> policies, List<String> memberEntityIds, List<String> memberGroupIds,
		Map<String, String> metadata, String creationTime, String lastUpdateTime, long modifyIndex) {

	Group {
		policies = (policies != null) ? List.copyOf(policies) : List.of();
		memberEntityIds = (memberEntityIds != null) ? List.copyOf(memberEntityIds) : List.of();
		memberGroupIds = (memberGroupIds != null) ? List.copyOf(memberGroupIds) : List.of();
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
	}

	Group withMemberEntityIds(List<String> ids, String now) {
		return new Group(this.id, this.name, this.policies, ids, this.memberGroupIds, this.metadata, this.creationTime,
				now, this.modifyIndex + 1);
	}

}
