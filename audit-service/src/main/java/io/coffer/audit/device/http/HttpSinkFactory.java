package io.coffer.audit.device.http;

import java.util.Map;

import io.coffer.audit.device.AuditSink;
import io.coffer.audit.device.AuditSinkFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code http} device type, OpenBao 2.5's: lines POSTed to {@code uri} with
 * {@code headers}; see {@link HttpOptions} for the options and what Coffer adds.
 */
@Component
public class HttpSinkFactory implements AuditSinkFactory {

	@Override
	public String type() {
		return "http";
	}

	@Override
	public AuditSink create(String path, Map<String, String> options) {
		return new HttpSink(HttpOptions.of(options));
	}

}
