package io.coffer.secrets.engine.database;

import java.util.List;
import java.util.Optional;

import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.VaultException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's records in its mount's barrier view, one JSON entry each, at Vault's keys:
 * {@code config/<name>}, {@code role/<name>}, {@code static-role/<name>}. The barrier
 * encrypts them (passwords included); the codec is private to the engine so the stored
 * form does not change with the application's Jackson settings.
 */
final class DatabaseStore {

	static final String CONFIG = "config/";

	static final String ROLE = "role/";

	static final String STATIC_ROLE = "static-role/";

	private final BarrierView view;

	private final JsonMapper mapper = JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

	DatabaseStore(BarrierView view) {
		this.view = view;
	}

	Optional<ConnectionConfig> config(String name) {
		return read(CONFIG + name, ConnectionConfig.class);
	}

	void putConfig(String name, ConnectionConfig config) {
		write(CONFIG + name, config);
	}

	Optional<DynamicRole> role(String name) {
		return read(ROLE + name, DynamicRole.class);
	}

	void putRole(String name, DynamicRole role) {
		write(ROLE + name, role);
	}

	Optional<StaticRole> staticRole(String name) {
		return read(STATIC_ROLE + name, StaticRole.class);
	}

	void putStaticRole(String name, StaticRole role) {
		write(STATIC_ROLE + name, role);
	}

	boolean exists(String key) {
		return this.view.get(key).isPresent();
	}

	/** The names directly under {@code prefix} (no sub-folders: names have no slash). */
	List<String> names(String prefix) {
		return this.view.list(prefix).stream().filter((name) -> !name.endsWith("/")).sorted().toList();
	}

	void delete(String key) {
		this.view.delete(key);
	}

	private <T> Optional<T> read(String key, Class<T> type) {
		return this.view.get(key).map((bytes) -> {
			try {
				return this.mapper.readValue(bytes, type);
			}
			catch (JacksonException ex) {
				throw new VaultException(500, "could not decode a stored database engine record");
			}
		});
	}

	private void write(String key, Object value) {
		try {
			this.view.put(key, this.mapper.writeValueAsBytes(value));
		}
		catch (JacksonException ex) {
			throw new VaultException(500, "could not encode a database engine record");
		}
	}

}
