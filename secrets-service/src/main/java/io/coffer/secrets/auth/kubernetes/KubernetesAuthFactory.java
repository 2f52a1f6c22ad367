package io.coffer.secrets.auth.kubernetes;

import java.nio.file.Path;
import java.time.Clock;

import io.coffer.secrets.auth.AuthMethod;
import io.coffer.secrets.auth.AuthMethodFactory;
import io.coffer.secrets.barrier.BarrierView;
import io.coffer.secrets.kernel.MountEntry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds kubernetes auth methods ({@code type: kubernetes}). The pod's own service
 * account is read from {@code coffer.auth.kubernetes.service-account-dir} (default
 * {@value #POD_SERVICE_ACCOUNT}).
 */
@Component
public class KubernetesAuthFactory implements AuthMethodFactory {

	static final String POD_SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

	private final Clock clock;

	private final Path serviceAccountDir;

	public KubernetesAuthFactory(Clock clock, @Value("${coffer.auth.kubernetes.service-account-dir:"
			+ POD_SERVICE_ACCOUNT + "}") Path serviceAccountDir) {
		this.clock = clock;
		this.serviceAccountDir = serviceAccountDir;
	}

	@Override
	public String type() {
		return "kubernetes";
	}

	@Override
	public AuthMethod create(MountEntry mount, BarrierView view) {
		return new KubernetesAuthMethod(mount, new KubernetesStore(view), new ServiceAccountJwt(this.clock),
				new KubernetesApi(), new PodServiceAccount(this.serviceAccountDir));
	}

}
