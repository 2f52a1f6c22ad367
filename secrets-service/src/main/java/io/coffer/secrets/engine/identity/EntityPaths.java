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
 * {@code identity/entity}, {@code entity/id/<id>}, {@code entity/name/<name>}, their
 * LISTs and {@code entity/batch-delete}.
 */
final class EntityPaths {

	private final Identities identities;

	private final IdentityViews views;

	EntityPaths(Identities identities, IdentityViews views) {
		this.identities = identities;
		this.views = views;
	}

	List<PathSpec> paths() {
		return List.of(
				PathSpec.path("entity")
					.on(Operation.CREATE, (r, c) -> write(r, null))
					.on(Operation.UPDATE, (r, c) -> write(r, null)),
				PathSpec.path("entity/batch-delete")
					.on(Operation.CREATE, (r, c) -> batchDelete(r))
					.on(Operation.UPDATE, (r, c) -> batchDelete(r)),
				PathSpec.path("entity/id/?").on(Operation.LIST, (r, c) -> listById()),
				PathSpec.path("entity/id/(.+)")
					.on(Operation.READ, (r, c) -> read(byId(r)))
					.on(Operation.CREATE, (r, c) -> writeById(r))
					.on(Operation.UPDATE, (r, c) -> writeById(r))
					.on(Operation.DELETE, (r, c) -> delete(byId(r))),
				PathSpec.path("entity/name/?").on(Operation.LIST, (r, c) -> listByName()),
				PathSpec.path("entity/name/(.+)")
					.on(Operation.READ, (r, c) -> read(this.identities.store().entityByName(suffix(r)).orElse(null)))
					.on(Operation.CREATE, (r, c) -> write(r, suffix(r)))
					.on(Operation.UPDATE, (r, c) -> write(r, suffix(r)))
					.on(Operation.DELETE,
							(r, c) -> delete(this.identities.store().entityByName(suffix(r)).orElse(null))));
	}

	private LogicalResponse write(LogicalRequest request, String pathName) {
		IdentityFields fields = new IdentityFields(request.data());
		String id = (pathName == null) ? fields.string("id") : null;
		if (id != null && id.isEmpty()) {
			id = null;
		}
		String name = (pathName != null) ? pathName : fields.string("name");
		return written(new Identities.EntityWrite(id, name, fields.pairs("metadata"), fields.list("policies"),
				fields.bool("disabled")));
	}

	private LogicalResponse writeById(LogicalRequest request) {
		IdentityFields fields = new IdentityFields(request.data());
		return written(new Identities.EntityWrite(suffix(request), fields.string("name"), fields.pairs("metadata"),
				fields.list("policies"), fields.bool("disabled")));
	}

	private LogicalResponse written(Identities.EntityWrite write) {
		return LogicalResponse.data(this.views.entityWritten(this.identities.writeEntity(write)));
	}

	private Entity byId(LogicalRequest request) {
		return this.identities.store().entity(suffix(request)).orElse(null);
	}

	private LogicalResponse read(Entity entity) {
		if (entity == null) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(this.views.entity(entity));
	}

	private LogicalResponse delete(Entity entity) {
		if (entity != null) {
			this.identities.deleteEntity(entity.id());
		}
		return LogicalResponse.empty();
	}

	private LogicalResponse batchDelete(LogicalRequest request) {
		List<String> ids = new IdentityFields(request.data()).list("entity_ids");
		if (ids == null || ids.isEmpty()) {
			throw VaultException.badRequest("missing entity_ids");
		}
		ids.forEach(this.identities::deleteEntity);
		return LogicalResponse.empty();
	}

	private LogicalResponse listById() {
		List<Entity> entities = this.identities.store().entities();
		if (entities.isEmpty()) {
			throw VaultException.notFound();
		}
		Map<String, Object> info = new LinkedHashMap<>();
		for (Entity entity : entities) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("name", entity.name());
			one.put("aliases", this.identities.store().aliasesOf(entity.id()).stream().map(this.views::alias).toList());
			info.put(entity.id(), one);
		}
		return LogicalResponse.data(IdentityViews.keys(List.copyOf(info.keySet()), info));
	}

	private LogicalResponse listByName() {
		List<String> names = this.identities.store().entities().stream().map(Entity::name).sorted().toList();
		if (names.isEmpty()) {
			throw VaultException.notFound();
		}
		return LogicalResponse.data(IdentityViews.keys(names, null));
	}

	/** The id or name after {@code entity/id/} or {@code entity/name/}. */
	static String suffix(LogicalRequest request) {
		String path = request.path();
		int second = path.indexOf('/', path.indexOf('/') + 1);
		return path.substring(second + 1);
	}

}
