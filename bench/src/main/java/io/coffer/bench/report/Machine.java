package io.coffer.bench.report;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on; read from /proc where it exists. */
public record Machine(int cpus, String cpuModel, long memoryMiB, String os, String java, String disk) {

	public static Machine describe(Path diskDir) {
		return new Machine(Runtime.getRuntime().availableProcessors(), procField("/proc/cpuinfo", "model name"),
				totalMemoryMiB(), System.getProperty("os.name") + " " + System.getProperty("os.version"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), describeDisk(diskDir));
	}

	private static long totalMemoryMiB() {
		String total = procField("/proc/meminfo", "MemTotal");
		if (total.isEmpty()) {
			return -1;
		}
		return Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024;
	}

	private static String describeDisk(Path dir) {
		try {
			FileStore store = Files.getFileStore(dir);
			return store.name() + " (" + store.type() + ", " + store.getTotalSpace() / (1L << 30) + " GiB)";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String procField(String file, String field) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String line : lines) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
					return line.substring(colon + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux: leave it empty
		}
		return "";
	}

}
