package io.coffer.secrets.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.mount.MountEntry;
import tools.jackson.core.type.TypeReference;

/**
 * The enabled auth methods, stored as one barrier entry so a change is atomic. Entry
 * paths are full request prefixes ({@code auth/approle/}). The built-in token method is
 * not stored. Immutable snapshots: a change produces a new table that the caller stores.
 */
final class AuthTable {

	static final String PATH = "core/auth";

	private static final TypeReference<List<MountEntry>> ENTRIES = new TypeReference<>() {
	};

	private final List<MountEntry> entries;

	private AuthTable(List<MountEntry> entries) {
		this.entries = entries.stream().sorted(Comparator.comparing(MountEntry::path)).toList();
	}

	static AuthTable load(Barrier barrier) {
		return barrier.get(PATH)
			.map((bytes) -> new AuthTable(Json.MAPPER.readValue(bytes, ENTRIES)))
			.orElseGet(() -> new AuthTable(List.of()));
	}

	byte[] serialize() {
		return Json.write(this.entries);
	}

	List<MountEntry> entries() {
		return this.entries;
	}

	Optional<MountEntry> exact(String path) {
		return this.entries.stream().filter((entry) -> entry.path().equals(path)).findFirst();
	}

	/** The mount owning {@code fullPath}: the longest mount path that prefixes it. */
	Optional<MountEntry> longestPrefix(String fullPath) {
		MountEntry best = null;
		for (MountEntry entry : this.entries) {
			if ((fullPath.startsWith(entry.path()) || (fullPath + "/").equals(entry.path()))
					&& (best == null || entry.path().length() > best.path().length())) {
				best = entry;
			}
		}
		return Optional.ofNullable(best);
	}

	/** A mount that this path would nest inside, or that would nest inside it. */
	Optional<MountEntry> conflicting(String path) {
		return this.entries.stream()
			.filter((entry) -> entry.path().startsWith(path) || path.startsWith(entry.path()))
			.findFirst();
	}

	AuthTable with(MountEntry entry) {
		List<MountEntry> next = new ArrayList<>(this.entries);
		next.removeIf((existing) -> existing.path().equals(entry.path()));
		next.add(entry);
		return new AuthTable(next);
	}

	AuthTable without(String path) {
		List<MountEntry> next = new ArrayList<>(this.entries);
		next.removeIf((existing) -> existing.path().equals(path));
		return new AuthTable(next);
	}

}
