package dev.engram.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.engram.Engram;
import dev.engram.lucene.LuceneIndex;
import dev.engram.models.onnx.OnnxEmbedder;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The package structure of the main code of every module, seen together. */
class ArchitectureTest {
  /** The class folder or jar of each module's main code; no test code. */
  private static final List<Class<?>> ONE_OF_EACH =
      List.of(Engram.class, LuceneIndex.class, OnnxEmbedder.class, Main.class);
  private static final List<URL> MODULES = ONE_OF_EACH.stream()
      .map(c -> c.getProtectionDomain().getCodeSource().getLocation()).toList();
  private static final JavaClasses ALL = new ClassFileImporter().importUrls(MODULES);

  @Test
  void should_import_the_main_classes_of_four_modules_when_analysing() {
    assertThat(MODULES).doesNotHaveDuplicates().hasSize(4);
    assertThat(ONE_OF_EACH).allMatch(ALL::contain);
    assertThat(ALL.contain(ArchitectureTest.class)).isFalse();
  }

  @Test
  void should_have_no_package_cycle_when_the_modules_are_seen_together() {
    // "dev.(**)": every package is a slice, dev.engram itself included
    slices().matching("dev.(**)").should().beFreeOfCycles().check(ALL);
  }
}
