package io.coffer.secrets.pipeline;

/**
 * One named step of the logical request path; {@link RequestHandler} runs them in a fixed
 * order. A step reads what earlier steps put into the {@link RequestState} and adds its
 * own result; it ends the request by throwing (a
 * {@link io.coffer.secrets.kernel.VaultException} with Vault's status and message, or a
 * {@link io.coffer.secrets.storage.StandbyException}).
 */
public interface RequestStep {

	/** The step's name, as the pipeline documents it (e.g. {@code authorize}). */
	String name();

	void apply(RequestState state);

}
