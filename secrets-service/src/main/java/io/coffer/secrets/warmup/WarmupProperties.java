package io.coffer.secrets.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up a node runs before it serves: off unless {@code coffer.warmup.enabled}
 * (deploy/local/run.sh with COFFER_WARMUP=on; tests leave it off). Each stage stops at
 * whichever comes first, its time budget or its number of iterations.
 *
 * @param enabled whether the node warms up at all
 * @param budget the longest each stage may take
 * @param iterations the most rounds of the in-process stage
 * @param requests the most loopback requests of the HTTP stage
 */
@ConfigurationProperties("coffer.warmup")
public record WarmupProperties(@DefaultValue("false") boolean enabled, @DefaultValue("2s") Duration budget,
		@DefaultValue("20000") int iterations, @DefaultValue("3000") int requests) {

}
