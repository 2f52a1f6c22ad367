package io.coffer.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads Kubernetes manifests into fabric8's typed model of Kubernetes' API and refuses
 * what the API would not accept as written: a kind the model does not know (it would come
 * back as a {@link GenericKubernetesResource}), a value of the wrong type (Jackson
 * fails), and any field the API object does not have. fabric8 keeps unknown fields in
 * each object's {@code additionalProperties} instead of failing, so every object of the
 * parsed tree is walked and any such field is reported with its path.
 */
final class StrictKubernetes {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private StrictKubernetes() {
	}

	/** Every document of the file as a typed resource; fails on the first violation. */
	static List<HasMetadata> parse(Path file) {
		List<HasMetadata> resources = new ArrayList<>();
		int index = 0;
		for (Map<String, Object> document : Repository.yamlDocuments(file)) {
			resources.add(parse(document, file.getFileName() + " document " + (++index)));
		}
		return resources;
	}

	static HasMetadata parse(Map<String, Object> document, String source) {
		Object parsed;
		try {
			parsed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(source + ": not a valid Kubernetes object: " + ex.getMessage(), ex);
		}
		if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
			throw new IllegalArgumentException(source + ": kind " + document.get("kind") + " of apiVersion "
					+ document.get("apiVersion") + " is not a Kubernetes API type");
		}
		List<String> unknown = new ArrayList<>();
		walk(resource, resource.getKind(), unknown);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(source + ": fields the Kubernetes API does not have: " + unknown);
		}
		return resource;
	}

	private static void walk(Object value, String path, List<String> unknown) {
		if (value == null) {
			return;
		}
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				walk(element, path + "[" + (i++) + "]", unknown);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> walk(element, path + "." + key, unknown));
			return;
		}
		if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (!isPropertyGetter(getter)) {
				continue;
			}
			Object property = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) property).keySet().forEach((key) -> unknown.add(path + "." + key));
			}
			else {
				walk(property, path + "." + propertyName(getter), unknown);
			}
		}
	}

	private static boolean isPropertyGetter(Method method) {
		return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
				&& method.getName().startsWith("get") && !method.getName().equals("getClass")
				&& !method.getReturnType().isPrimitive()
				&& (method.getDeclaringClass().getName().startsWith("io.fabric8."));
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("cannot read " + getter + ": " + ex, ex);
		}
	}

}
