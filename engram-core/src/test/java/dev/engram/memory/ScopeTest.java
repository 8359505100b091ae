package dev.engram.memory;

import dev.engram.memory.model.Message;
import dev.engram.common.Scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeTest {
  @Test
  void should_default_the_tenant_when_only_a_user_is_given() {
    assertThat(Scope.ofUser("alice").tenant()).isEqualTo("default");
  }

  @Test
  void should_refuse_with_a_code_when_a_user_is_required_but_missing() {
    Scope noUser = new Scope("t", Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> noUser.requireUser("erase"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("erase needs a user")
        .hasMessageNotContaining("--")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-301");
    assertThatThrownBy(() -> noUser.requireOwner("recall")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void should_name_knowledge_bases_and_require_one_for_writes() {
    Scope two = Scope.ofTenant("acme").withKnowledgeBases(java.util.List.of("hr", "it"));

    assertThat(Scope.ofTenant("acme").knowledgeBases()).containsExactly(Scope.DEFAULT_KB);
    assertThat(two.withUser("ann").knowledgeBases()).containsExactly("hr", "it");
    assertThatThrownBy(() -> two.requireOneKnowledgeBase("ingest"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("hr, it")
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-311");
    assertThatThrownBy(() -> two.withKnowledgeBases(java.util.List.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> two.withKnowledgeBase("a/b")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void should_refuse_an_id_with_spaces_or_slashes() {
    assertThatThrownBy(() -> Scope.ofUser("a b")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Scope.ofUser("../x")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void should_refuse_empty_and_oversized_messages() {
    assertThatThrownBy(() -> Message.user("  ")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Message.user("x".repeat(Message.MAX_CHARS + 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("split");
  }
}
