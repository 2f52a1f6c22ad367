package io.coffer.secrets.token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import io.coffer.secrets.barrier.Barrier;
import io.coffer.secrets.core.Json;
import io.coffer.secrets.kernel.TokenEntry;
import io.coffer.secrets.storage.StorageOp;

/**
 * Removes tokens from the {@link TokenStore}: a whole tree through the parent index, or
 * one token whose children become orphans. Each revocation is one storage batch, so a
 * crash never leaves half a tree.
 */
final class TokenRevocation {

	private final TokenStore store;

	TokenRevocation(TokenStore store) {
		this.store = store;
	}

	void revokeTree(String id) {
		ReentrantLock lock = this.store.lock(id);
		lock.lock();
		try {
			List<StorageOp> ops = new ArrayList<>();
			List<TokenEntry> revoked = new ArrayList<>();
			for (String member : tree(id)) {
				this.store.read(member).ifPresent((entry) -> {
					removeOps(member, entry, ops);
					revoked.add(entry);
				});
				children(member).forEach((child) -> ops.add(new StorageOp.Delete(parentKey(member, child))));
			}
			if (!ops.isEmpty()) {
				barrier().write(ops);
			}
			revoked.forEach(this.store::announceRevoked);
		}
		finally {
			lock.unlock();
		}
	}

	void revokeOrphan(String id) {
		ReentrantLock lock = this.store.lock(id);
		lock.lock();
		try {
			Optional<TokenEntry> entry = this.store.read(id);
			List<StorageOp> ops = new ArrayList<>();
			for (String child : children(id)) {
				this.store.read(child)
					.ifPresent((childEntry) -> ops
						.add(new StorageOp.Put(TokenStore.ID_PREFIX + child, Json.write(childEntry.orphaned()))));
				ops.add(new StorageOp.Delete(parentKey(id, child)));
			}
			entry.ifPresent((value) -> removeOps(id, value, ops));
			if (!ops.isEmpty()) {
				barrier().write(ops);
			}
			entry.ifPresent(this.store::announceRevoked);
		}
		finally {
			lock.unlock();
		}
	}

	int revokeCreatedUnder(String pathPrefix) {
		int count = 0;
		for (String id : barrier().list(TokenStore.ID_PREFIX)) {
			Optional<TokenEntry> entry = this.store.read(id);
			if (entry.isPresent() && entry.get().path().startsWith(pathPrefix)) {
				revokeTree(id);
				count++;
			}
		}
		return count;
	}

	private List<String> tree(String root) {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>();
		pending.push(root);
		while (!pending.isEmpty()) {
			String id = pending.pop();
			if (seen.add(id)) {
				children(id).forEach(pending::push);
			}
		}
		return new ArrayList<>(seen);
	}

	private List<String> children(String id) {
		return barrier().list(TokenStore.PARENT_PREFIX + id + "/");
	}

	private void removeOps(String id, TokenEntry entry, List<StorageOp> ops) {
		ops.add(new StorageOp.Delete(TokenStore.ID_PREFIX + id));
		ops.add(new StorageOp.Delete(this.store.accessorKey(entry.accessor())));
		if (!entry.parent().isEmpty()) {
			ops.add(new StorageOp.Delete(parentKey(entry.parent(), id)));
		}
	}

	private static String parentKey(String parent, String child) {
		return TokenStore.PARENT_PREFIX + parent + "/" + child;
	}

	private Barrier barrier() {
		return this.store.barrier();
	}

}
