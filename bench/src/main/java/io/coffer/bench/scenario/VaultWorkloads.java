package io.coffer.bench.scenario;

import java.util.Base64;
import java.util.List;

import io.coffer.testsupport.http.VaultHttp;
import io.coffer.bench.load.Workload;

/**
 * The requests of every HTTP scenario. Keys and payloads are chosen from the sequence
 * number, so a run is repeatable and needs no random source.
 */
public final class VaultWorkloads {

	static final String KV_MOUNT = "secret";

	static final String TRANSIT_MOUNT = "transit";

	static final String TRANSIT_KEY = "bench";

	private static final String KV_VALUE = "v".repeat(128);

	private final int keys;

	private final String transitPlaintext;

	private final String transitBody;

	public VaultWorkloads(int keys) {
		this.keys = keys;
		byte[] plaintext = new byte[1024];
		for (int i = 0; i < plaintext.length; i++) {
			plaintext[i] = (byte) ('a' + i % 26);
		}
		this.transitPlaintext = Base64.getEncoder().encodeToString(plaintext);
		this.transitBody = "{\"plaintext\":\"" + this.transitPlaintext + "\"}";
	}

	String transitPlaintextBase64() {
		return this.transitPlaintext;
	}

	public int keys() {
		return this.keys;
	}

	static String kvPath(long seq, int keys) {
		return KV_MOUNT + "/data/bench/k" + Math.floorMod(seq, keys);
	}

	static String kvBody(long seq) {
		return "{\"data\":{\"value\":\"" + KV_VALUE + "\",\"seq\":\"" + seq + "\"}}";
	}

	/** Whether request {@code seq} of the OpenBao mix is a write: exactly one in ten. */
	public static boolean mixWrite(long seq) {
		return seq % 10 == 0;
	}

	public Workload kvRead(VaultHttp http) {
		return Workload.of("kv-read", (seq) -> http.get(kvPath(seq, this.keys)).requireSuccess());
	}

	public Workload kvWrite(VaultHttp http) {
		return Workload.of("kv-write", (seq) -> http.post(kvPath(seq, this.keys), kvBody(seq)).requireSuccess());
	}

	/** 90 % KV v2 reads, 10 % KV v2 writes, each kind with its own histogram. */
	public Workload openBaoMix(VaultHttp http) {
		int keyCount = this.keys;
		return new Workload() {
			@Override
			public List<String> kinds() {
				return List.of("read", "write");
			}

			@Override
			public Step step(long seq) {
				String path = kvPath(seq, keyCount);
				return mixWrite(seq) ? new Step("write", () -> http.post(path, kvBody(seq)).requireSuccess())
						: new Step("read", () -> http.get(path).requireSuccess());
			}
		};
	}

	public Workload tokenCreate(VaultHttp http) {
		return Workload.of("token-create",
				(seq) -> http.post("auth/token/create", "{\"policies\":[\"default\"],\"ttl\":\"1h\"}")
					.requireSuccess());
	}

	public Workload transitEncrypt(VaultHttp http) {
		return Workload.of("transit-encrypt",
				(seq) -> http.post(TRANSIT_MOUNT + "/encrypt/" + TRANSIT_KEY, this.transitBody).requireSuccess());
	}

	/**
	 * Decrypts the same 1 KiB ciphertext (made once by
	 * {@link Fixtures#transitCiphertext}).
	 */
	public Workload transitDecrypt(VaultHttp http, String ciphertext) {
		String body = "{\"ciphertext\":\"" + ciphertext + "\"}";
		return Workload.of("transit-decrypt",
				(seq) -> http.post(TRANSIT_MOUNT + "/decrypt/" + TRANSIT_KEY, body).requireSuccess());
	}

	String transitEncryptBody() {
		return this.transitBody;
	}

	/**
	 * Every request type in turn, so that the JIT of every process has compiled the paths
	 * the scenarios take before the first one is measured.
	 */
	public Workload warmup(VaultHttp http) {
		List<Workload> all = List.of(kvRead(http), kvWrite(http), health(http, "health"), tokenCreate(http),
				transitEncrypt(http));
		return new Workload() {
			@Override
			public List<String> kinds() {
				return all.stream().flatMap((w) -> w.kinds().stream()).toList();
			}

			@Override
			public Step step(long seq) {
				return all.get((int) (seq % all.size())).step(seq / all.size());
			}
		};
	}

	public Workload health(VaultHttp http, String kind) {
		return Workload.of(kind, (seq) -> http.get("sys/health?standbyok=true").requireSuccess());
	}

}
