package io.coffer.secrets.storage.replicated;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

/**
 * A task one node runs on another through a Hazelcast executor, against an object the
 * receiving member keeps in its user context under {@link #contextKey()}.
 *
 * @param <C> the type of that object
 * @param <T> the task's result
 */
abstract class ContextTask<C, T> implements Callable<T>, Serializable, HazelcastInstanceAware {

	@Serial
	private static final long serialVersionUID = 1L;

	private transient HazelcastInstance hazelcast;

	@Override
	public final void setHazelcastInstance(HazelcastInstance hazelcast) {
		this.hazelcast = hazelcast;
	}

	@Override
	@SuppressWarnings("unchecked")
	public final T call() {
		Object context = this.hazelcast.getUserContext().get(contextKey());
		if (context == null) {
			throw new IllegalStateException("this node's storage is not started");
		}
		return run((C) context, this.hazelcast);
	}

	abstract String contextKey();

	abstract T run(C context, HazelcastInstance hazelcast);

}
