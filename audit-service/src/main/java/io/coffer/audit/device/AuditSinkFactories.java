package io.coffer.audit.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The device types this instance knows: every {@link AuditSinkFactory} bean, by
 * {@link AuditSinkFactory#type()}.
 */
@Component
public class AuditSinkFactories {

	private final Map<String, AuditSinkFactory> byType = new TreeMap<>();

	public AuditSinkFactories(List<AuditSinkFactory> factories) {
		for (AuditSinkFactory factory : factories) {
			AuditSinkFactory previous = this.byType.putIfAbsent(factory.type(), factory);
			if (previous != null) {
				throw new IllegalStateException("two audit device factories for type " + factory.type());
			}
		}
	}

	/** The factory of {@code type}, if known. */
	public Optional<AuditSinkFactory> find(String type) {
		return Optional.ofNullable(this.byType.get(type));
	}

	/**
	 * Makes a sink: validates the common options, then the type's.
	 * @throws IllegalArgumentException unknown type ({@code unknown backend type: "x"}),
	 * or an invalid option (Vault-style message)
	 */
	public AuditSink create(String type, String path, Map<String, String> options) {
		AuditSinkFactory factory = find(type)
			.orElseThrow(() -> new IllegalArgumentException("unknown backend type: \"" + type + "\""));
		CommonOptions.validate(options);
		return factory.create(path, options);
	}

	/** The known type names, sorted. */
	public List<String> types() {
		return List.copyOf(this.byType.keySet());
	}

}
