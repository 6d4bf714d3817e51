package dev.keygate.behavior;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.keygate.KeygateApplication;
import dev.keygate.KeygateConfiguration;

/**
 * The harness sees Keygate only over HTTP and in its database. Importing a service class (a DTO,
 * a DAO, the hashing helper) would let a bug in it agree with itself; only the two classes needed
 * to boot the application are allowed, and the test fixtures of {@code dev.keygate.testing}.
 */
@AnalyzeClasses(packages = "dev.keygate.behavior")
class ArchitectureTest {

    @ArchTest
    static final ArchRule harnessUsesOnlyTheApplicationAndItsConfiguration = noClasses()
            .that().resideInAPackage("dev.keygate.behavior..")
            .should().dependOnClassesThat(resideInAPackage("dev.keygate..")
                    .and(not(resideInAPackage("dev.keygate.behavior..")))
                    // Test fixtures shared with the service's tests (a redis-server process), not service code.
                    .and(not(resideInAPackage("dev.keygate.testing..")))
                    .and(not(type(KeygateApplication.class)))
                    .and(not(type(KeygateConfiguration.class))))
            .because("behavior tests talk to Keygate over HTTP and may only boot it");
}
