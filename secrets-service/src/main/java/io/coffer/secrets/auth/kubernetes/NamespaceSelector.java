package io.coffer.secrets.auth.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code bound_service_account_namespace_selector}: a Kubernetes label selector in YAML
 * or JSON with {@code matchLabels} only (Vault refuses {@code matchExpressions} too). A
 * namespace matches when it carries every label; an empty selector matches every
 * namespace, as Kubernetes's {@code LabelSelectorAsSelector}.
 *
 * @param matchLabels the labels a namespace must carry
 */
record NamespaceSelector(Map<String, String> matchLabels) {

	NamespaceSelector {
		matchLabels = Map.copyOf(matchLabels);
	}

	/**
	 * @throws IllegalArgumentException when {@code text} is no label selector Vault
	 * accepts
	 */
	static NamespaceSelector parse(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("namespace selector is empty");
		}
		Object parsed;
		try {
			parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException("the namespace selector is not YAML or JSON");
		}
		if (!(parsed instanceof Map<?, ?> selector)) {
			throw new IllegalArgumentException("the namespace selector is not a label selector");
		}
		if (selector.get("matchExpressions") != null) {
			throw new IllegalArgumentException("label selector match expressions are not supported");
		}
		Map<String, String> labels = new LinkedHashMap<>();
		Object raw = selector.get("matchLabels");
		if (raw != null && !(raw instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("matchLabels is not a map");
		}
		if (raw instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> label : map.entrySet()) {
				if (!(label.getKey() instanceof String) || label.getValue() instanceof Map
						|| label.getValue() instanceof Iterable) {
					throw new IllegalArgumentException("matchLabels must map label names to values");
				}
				labels.put((String) label.getKey(), (label.getValue() != null) ? label.getValue().toString() : "");
			}
		}
		return new NamespaceSelector(labels);
	}

	boolean matches(Map<String, String> labels) {
		return this.matchLabels.entrySet()
			.stream()
			.allMatch((label) -> label.getValue().equals(labels.get(label.getKey())));
	}

}
