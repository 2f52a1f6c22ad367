package io.coffer.testsupport.architecture;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries every Coffer module checks (docs: ARCHITECTURE.md, CONVENTIONS.md), as
 * ArchUnit rules for a module's root package. A module's {@code ArchitectureTest} imports
 * its classes and checks the rules that apply to it, e.g.
 *
 * <pre>
 * JavaClasses classes = new ClassFileImporter()
 * 	.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
 * 	.importPackages("io.coffer.gateway");
 * CofferRules.forService("io.coffer.gateway").forEach((rule) -&gt; rule.check(classes));
 * </pre>
 */
public final class CofferRules {

	/**
	 * The root package of every deployable service, present and coming. A service talks
	 * to another over HTTP, never through its code.
	 */
	public static final List<String> SERVICE_PACKAGES = List.of("io.coffer.secrets", "io.coffer.gateway",
			"io.coffer.lease", "io.coffer.audit", "io.coffer.snapshot");

	private CofferRules() {
	}

	/**
	 * The rules of a service whose code lives under {@code servicePackage}: it imports no
	 * other service, keeps Hazelcast and RocksDB in its storage package and
	 * {@code javax.crypto} in its barrier, seal and transit packages, and its packages
	 * form no cycle.
	 */
	public static List<ArchRule> forService(String servicePackage) {
		return List.of(noOtherServiceImported(servicePackage), storageLibrariesOnlyInStorage(servicePackage),
				cryptoOnlyInBarrierSealAndTransit(servicePackage), freeOfCycles(servicePackage));
	}

	/**
	 * Classes under {@code rootPackage} depend on no service's code but (if it is one)
	 * their own: a service may use {@code io.coffer.common} and {@code io.coffer.support}
	 * only, and a library, test or tool no service at all.
	 */
	public static ArchRule noOtherServiceImported(String rootPackage) {
		String[] others = SERVICE_PACKAGES.stream()
			.filter((service) -> !service.equals(rootPackage))
			.map((service) -> service + "..")
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.as("no class of " + rootPackage + " depends on another service's code")
			.because("services talk HTTP through stable internal endpoints and io.coffer.common records");
	}

	/**
	 * Only a {@code storage} package (and {@code alsoAllowed} packages, e.g. a
	 * benchmark's probes of those libraries) touches Hazelcast or RocksDB.
	 */
	public static ArchRule storageLibrariesOnlyInStorage(String rootPackage, String... alsoAllowed) {
		String[] allowed = Stream.concat(Stream.of(rootPackage + ".storage.."), Stream.of(alsoAllowed))
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.and()
			.resideOutsideOfPackages(allowed)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.hazelcast..", "org.rocksdb..")
			.as("only " + String.join(", ", allowed) + " touch Hazelcast or RocksDB")
			.because("the replicated log and the replica are the storage package's business alone")
			.allowEmptyShould(true);
	}

	/**
	 * {@code javax.crypto} is used in the {@code barrier}, {@code seal} and transit
	 * engine packages only (and in {@code alsoAllowed} packages), so that key handling is
	 * reviewed in three places.
	 */
	public static ArchRule cryptoOnlyInBarrierSealAndTransit(String rootPackage, String... alsoAllowed) {
		String[] allowed = Stream
			.concat(Stream.of(rootPackage + ".barrier..", rootPackage + ".seal..", rootPackage + "..transit.."),
					Stream.of(alsoAllowed))
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(rootPackage + "..")
			.and()
			.resideOutsideOfPackages(allowed)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("javax.crypto..")
			.as("only " + String.join(", ", allowed) + " use javax.crypto")
			.because("crypto primitives stay where key handling is reviewed")
			.allowEmptyShould(true);
	}

	/**
	 * The packages directly under {@code rootPackage} (each with its subpackages) depend
	 * on each other without a cycle, so each can be read, tested and moved on its own.
	 */
	public static ArchRule freeOfCycles(String rootPackage) {
		return slices().matching(rootPackage + ".(*)..")
			.should()
			.beFreeOfCycles()
			.as("the packages of " + rootPackage + " are free of cycles")
			.allowEmptyShould(true);
	}

}
