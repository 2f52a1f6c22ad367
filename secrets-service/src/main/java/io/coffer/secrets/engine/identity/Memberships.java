package io.coffer.secrets.engine.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The group graph at one moment: which groups hold an entity directly, which groups hold
 * a group, and each group's policies. Built from all groups at once and replaced as a
 * whole, never changed.
 */
final class Memberships {

	private final Map<String, List<String>> groupsOfEntity = new HashMap<>();

	private final Map<String, List<String>> parentsOfGroup = new HashMap<>();

	private final Map<String, Group> groups = new HashMap<>();

	Memberships(List<Group> all) {
		for (Group group : all) {
			this.groups.put(group.id(), group);
			for (String entity : group.memberEntityIds()) {
				this.groupsOfEntity.computeIfAbsent(entity, (key) -> new ArrayList<>()).add(group.id());
			}
			for (String member : group.memberGroupIds()) {
				this.parentsOfGroup.computeIfAbsent(member, (key) -> new ArrayList<>()).add(group.id());
			}
		}
	}

	/** The groups listing the entity among their members, sorted. */
	List<String> directGroupIds(String entityId) {
		return List.copyOf(new TreeSet<>(this.groupsOfEntity.getOrDefault(entityId, List.of())));
	}

	/**
	 * The groups the entity belongs to through member groups (the parents of its direct
	 * groups, their parents...), without its direct groups, sorted.
	 */
	List<String> inheritedGroupIds(String entityId) {
		Set<String> direct = new LinkedHashSet<>(directGroupIds(entityId));
		Set<String> all = closure(direct);
		all.removeAll(direct);
		return List.copyOf(new TreeSet<>(all));
	}

	/** Every group the entity belongs to, directly or not, sorted. */
	List<String> groupIdsOf(String entityId) {
		return List.copyOf(new TreeSet<>(closure(new LinkedHashSet<>(directGroupIds(entityId)))));
	}

	/** The groups that list {@code groupId} among their member groups, sorted. */
	List<String> parentGroupIds(String groupId) {
		return List.copyOf(new TreeSet<>(this.parentsOfGroup.getOrDefault(groupId, List.of())));
	}

	/** The policies of every group the entity belongs to, directly or not, sorted. */
	List<String> policiesOf(String entityId) {
		TreeSet<String> policies = new TreeSet<>();
		for (String id : closure(new LinkedHashSet<>(directGroupIds(entityId)))) {
			policies.addAll(this.groups.get(id).policies());
		}
		return List.copyOf(policies);
	}

	private Set<String> closure(Set<String> start) {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(start);
		while (!pending.isEmpty()) {
			String id = pending.pop();
			if (this.groups.containsKey(id) && seen.add(id)) {
				pending.addAll(this.parentsOfGroup.getOrDefault(id, List.of()));
			}
		}
		return seen;
	}

}
