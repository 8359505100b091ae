package dev.engram;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.engram.embed.CachingEmbedder;
import dev.engram.knowledge.Ingestor;
import org.junit.jupiter.api.Test;

/** The package structure of engram-core's main code (DESIGN.md: core depends on no backend). */
class ArchitectureTest {
  /** The classes of engram-core's main code: its class folder or jar, nothing else. */
  private static final JavaClasses CORE = new ClassFileImporter()
      .importUrl(Engram.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void should_import_the_main_classes_of_core_and_no_test_class_when_analysing() {
    assertThat(CORE.contain(Engram.class)).isTrue();
    assertThat(CORE.contain(Ingestor.class)).isTrue();
    assertThat(CORE.contain(CachingEmbedder.class)).isTrue();
    assertThat(CORE.contain(ArchitectureTest.class)).isFalse();
  }

  @Test
  void should_have_no_package_cycle_when_packages_depend_on_each_other() {
    // "dev.(**)": every package is a slice, dev.engram itself included ("dev.engram.(**)" is not)
    slices().matching("dev.(**)").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void should_depend_on_no_index_model_or_command_line_library_when_compiled() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("org.apache.lucene..", "ai.onnxruntime..", "picocli..")
        .because("engram-core depends on no backend: implementations plug in through the seams")
        .check(CORE);
  }
}
