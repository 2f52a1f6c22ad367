package io.coffer.secrets.kernel;

/** A backend that needs to know who is calling (e.g. {@code auth/token/lookup-self}). */
public interface CallerAware {

	LogicalResponse handle(LogicalRequest request, Caller caller);

}
