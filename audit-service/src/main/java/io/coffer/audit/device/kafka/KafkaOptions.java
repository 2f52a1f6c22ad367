package io.coffer.audit.device.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.coffer.audit.device.CommonOptions;
import io.coffer.audit.device.GoDurations;

/**
 * A kafka device's options.
 *
 * <ul>
 * <li>{@code bootstrap_servers} (required): the cluster's {@code host:port} list.</li>
 * <li>{@code topic} (required): an existing topic (enabling checks it; Coffer never
 * creates it).</li>
 * <li>{@code client_id} (default {@code coffer-audit}): the producer's client id, for the
 * cluster's quotas and logs.</li>
 * <li>{@code write_timeout} (default 30s): how long one batch, a topic check or the read
 * back after a restart may take.</li>
 * <li>{@code recovery_window} (default 1000): how many records of each partition's tail
 * are read back after a restart or a failed write to find lines already there; it must
 * cover a batch plus what other writers add to the topic meanwhile.</li>
 * <li>{@code kafka.<property>}: passed to the clients for the connection only:
 * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code compression.type},
 * {@code client.dns.lookup}. Delivery settings ({@code acks=all}, idempotence, retries)
 * are fixed.</li>
 * </ul>
 *
 * @param bootstrapServers the cluster
 * @param topic the topic
 * @param clientId the client id
 * @param prefix the common {@code prefix}, put before each line in the record's value
 * @param writeTimeout see above
 * @param recoveryWindow see above
 * @param clientProperties the {@code kafka.*} properties, without the prefix
 */
record KafkaOptions(String bootstrapServers, String topic, String clientId, String prefix, Duration writeTimeout,
		int recoveryWindow, Map<String, String> clientProperties) {

	private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	private static final List<String> PASSED_PREFIXES = List.of("security.protocol", "sasl.", "ssl.",
			"compression.type", "client.dns.lookup");

	/**
	 * Reads and checks the options.
	 * @throws IllegalArgumentException with Vault-style text
	 */
	static KafkaOptions of(Map<String, String> options) {
		String servers = options.get("bootstrap_servers");
		if (servers == null || servers.isBlank()) {
			throw new IllegalArgumentException("bootstrap_servers is required");
		}
		String topic = options.get("topic");
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("topic is required");
		}
		if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
			throw new IllegalArgumentException(
					"invalid topic \"" + topic + "\": up to 249 ASCII letters, digits, '.', '_' and '-'");
		}
		String clientId = options.getOrDefault("client_id", "coffer-audit");
		Duration writeTimeout = GoDurations.option("write_timeout", options.get("write_timeout"),
				Duration.ofSeconds(30));
		return new KafkaOptions(servers.trim(), topic, clientId, CommonOptions.prefix(options), writeTimeout,
				recoveryWindow(options.get("recovery_window")), clientProperties(options));
	}

	private static int recoveryWindow(String raw) {
		if (raw == null || raw.isBlank()) {
			return 1000;
		}
		try {
			int value = Integer.parseInt(raw.trim());
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new IllegalArgumentException("unable to parse 'recovery_window': a positive integer is required");
	}

	private static Map<String, String> clientProperties(Map<String, String> options) {
		Map<String, String> properties = new HashMap<>();
		for (Map.Entry<String, String> option : options.entrySet()) {
			if (!option.getKey().startsWith("kafka.")) {
				continue;
			}
			String property = option.getKey().substring("kafka.".length());
			if (PASSED_PREFIXES.stream().noneMatch(property::startsWith)) {
				throw new IllegalArgumentException("unsupported option \"" + option.getKey()
						+ "\": only security.protocol, sasl.*, ssl.*, compression.type and client.dns.lookup are passed to kafka");
			}
			properties.put(property, option.getValue());
		}
		return Map.copyOf(properties);
	}

	/**
	 * What every client of this device needs: the cluster, its security, the timeouts.
	 */
	Map<String, Object> connection() {
		Map<String, Object> config = new HashMap<>(this.clientProperties);
		config.put("bootstrap.servers", this.bootstrapServers);
		config.put("client.id", this.clientId);
		config.put("request.timeout.ms", (int) Math.min(this.writeTimeout.toMillis(), 30_000));
		config.put("default.api.timeout.ms", (int) this.writeTimeout.toMillis());
		return config;
	}

	@Override
	public String toString() {
		// sasl.jaas.config and ssl passwords must never reach a log.
		return "KafkaOptions[bootstrapServers=" + this.bootstrapServers + ", topic=" + this.topic + ", clientId="
				+ this.clientId + ", clientProperties=" + this.clientProperties.keySet() + "]";
	}

}
