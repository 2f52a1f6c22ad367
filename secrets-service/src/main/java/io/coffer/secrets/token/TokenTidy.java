package io.coffer.secrets.token;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.storage.StorageOp;

import org.springframework.stereotype.Component;

/**
 * {@code auth/token/tidy}: revokes expired tokens (with their children), removes accessor
 * and parent index entries that point at nothing, turns children of a vanished parent
 * into orphans, then recounts tokens for the metrics. Runs synchronously and reports what
 * it did as warnings.
 */
@Component
class TokenTidy {

	private final TokenStore store;

	private final AtomicBoolean running = new AtomicBoolean();

	TokenTidy(TokenStore store) {
		this.store = store;
	}

	List<String> run() {
		if (!this.running.compareAndSet(false, true)) {
			return List.of("Tidy operation already in progress.");
		}
		try {
			int expired = revokeExpired();
			int dangling = removeDanglingAccessors();
			int[] parents = tidyParentIndex();
			this.store.recount();
			return List.of("Tidy operation successfully completed: " + expired + " expired token(s) revoked, "
					+ (dangling + parents[0]) + " dangling index entries removed, " + parents[1]
					+ " token(s) made orphans.");
		}
		finally {
			this.running.set(false);
		}
	}

	private int revokeExpired() {
		long now = this.store.now();
		int count = 0;
		for (String id : barrier().list(TokenStore.ID_PREFIX)) {
			Optional<TokenEntry> entry = this.store.read(id);
			if (entry.isPresent() && entry.get().expiredAt(now)) {
				this.store.revoke(id);
				count++;
			}
		}
		return count;
	}

	private int removeDanglingAccessors() {
		int count = 0;
		for (String key : barrier().list(TokenStore.ACCESSOR_PREFIX)) {
			String path = TokenStore.ACCESSOR_PREFIX + key;
			boolean points = barrier().get(path)
				.map((bytes) -> Json.read(bytes, TokenStore.AccessorIndex.class))
				.flatMap((index) -> this.store.read(index.tokenId()))
				.isPresent();
			if (!points) {
				barrier().delete(path);
				count++;
			}
		}
		return count;
	}

	/**
	 * @return removed index entries, and children made orphans
	 */
	private int[] tidyParentIndex() {
		int removed = 0;
		int orphaned = 0;
		for (String folder : barrier().list(TokenStore.PARENT_PREFIX)) {
			String parentId = folder.replaceFirst("/$", "");
			boolean parentExists = this.store.read(parentId).isPresent();
			for (String child : barrier().list(TokenStore.PARENT_PREFIX + folder)) {
				Optional<TokenEntry> entry = this.store.read(child);
				if (entry.isPresent() && parentExists) {
					continue;
				}
				StorageOp dropIndex = new StorageOp.Delete(TokenStore.PARENT_PREFIX + folder + child);
				if (entry.isPresent()) {
					barrier().write(List.of(dropIndex,
							new StorageOp.Put(TokenStore.ID_PREFIX + child, Json.write(entry.get().orphaned()))));
					orphaned++;
				}
				else {
					barrier().write(List.of(dropIndex));
				}
				removed++;
			}
		}
		return new int[] { removed, orphaned };
	}

	private Barrier barrier() {
		return this.store.barrier();
	}

}
