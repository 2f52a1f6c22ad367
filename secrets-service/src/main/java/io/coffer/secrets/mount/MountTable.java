package io.coffer.secrets.mount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.MountEntry;
import io.coffer.secrets.router.PrefixTable;
import tools.jackson.core.type.TypeReference;

/**
 * A table of user-enabled mounts (the secrets mounts, or the auth methods), stored as one
 * barrier entry so a change to the table is atomic. Immutable snapshots: a change
 * produces a new table that the caller stores under {@link #path()}.
 */
public final class MountTable {

	private static final TypeReference<List<MountEntry>> ENTRIES = new TypeReference<>() {
	};

	private final String path;

	private final List<MountEntry> entries;

	private final Map<String, MountEntry> byPath;

	private final PrefixTable<MountEntry> prefixes;

	private MountTable(String path, List<MountEntry> entries) {
		this.path = path;
		this.entries = entries.stream().sorted(Comparator.comparing(MountEntry::path)).toList();
		this.byPath = this.entries.stream()
			.collect(Collectors.toUnmodifiableMap(MountEntry::path, Function.identity(), (first, second) -> first));
		this.prefixes = new PrefixTable<>(this.byPath);
	}

	/** The table stored at {@code path}; empty when nothing is stored there yet. */
	public static MountTable load(Barrier barrier, String path) {
		return barrier.get(path)
			.map((bytes) -> new MountTable(path, Json.MAPPER.readValue(bytes, ENTRIES)))
			.orElseGet(() -> new MountTable(path, List.of()));
	}

	/** The barrier path the table is stored at. */
	public String path() {
		return this.path;
	}

	public byte[] serialize() {
		return Json.write(this.entries);
	}

	public List<MountEntry> entries() {
		return this.entries;
	}

	public Optional<MountEntry> exact(String path) {
		return Optional.ofNullable(this.byPath.get(path));
	}

	/** The mount owning {@code fullPath}: the longest mount path that prefixes it. */
	public Optional<MountEntry> longestPrefix(String fullPath) {
		return this.prefixes.longest(fullPath);
	}

	/** A mount that this path would nest inside, or that would nest inside it. */
	public Optional<MountEntry> conflicting(String path) {
		return this.entries.stream()
			.filter((entry) -> entry.path().startsWith(path) || path.startsWith(entry.path()))
			.findFirst();
	}

	public MountTable with(MountEntry entry) {
		List<MountEntry> next = new ArrayList<>(this.entries);
		next.removeIf((existing) -> existing.path().equals(entry.path()));
		next.add(entry);
		return new MountTable(this.path, next);
	}

	public MountTable without(String path) {
		List<MountEntry> next = new ArrayList<>(this.entries);
		next.removeIf((existing) -> existing.path().equals(path));
		return new MountTable(this.path, next);
	}

}
