package io.coffer.secrets.token;

import io.coffer.secrets.engine.LogicalRequest;
import io.coffer.secrets.engine.LogicalResponse;

/** A backend that needs to know who is calling (e.g. {@code auth/token/lookup-self}). */
public interface CallerAware {

	LogicalResponse handle(LogicalRequest request, Caller caller);

}
