package dev.engram.cli.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MixTest {
  private static final Set<String> KNOWN = Set.of("search", "recall", "remember", "context");

  @Test
  void should_spread_each_kind_by_its_weight_over_any_hundred_requests() {
    Mix mix = Mix.parse("search=70, recall=20,remember=10", KNOWN);
    assertThat(mix.names()).containsExactly("search", "recall", "remember");
    for (long from : new long[] {0, 37, 1_000_003}) {
      Map<String, Integer> counts = new HashMap<>();
      for (long n = from; n < from + 100; n++) {
        counts.merge(mix.pick(n), 1, Integer::sum);
      }
      assertThat(counts).containsEntry("search", 70).containsEntry("recall", 20).containsEntry("remember", 10);
    }
    // evenly, not in runs: the first ten requests already hold a remember
    assertThat(java.util.stream.LongStream.range(0, 10).mapToObj(mix::pick)).contains("remember");
  }

  @Test
  void should_take_a_name_alone_as_weight_one_and_drop_zero_weights() {
    Mix mix = Mix.parse("search,context=0", KNOWN);
    assertThat(mix.names()).containsExactly("search");
    assertThat(mix.pick(5)).isEqualTo("search");
    assertThat(mix).hasToString("search=1");
  }

  @Test
  void should_refuse_unknown_names_bad_weights_repeats_and_an_empty_mix() {
    assertThatThrownBy(() -> Mix.parse("serch=70", KNOWN)).hasMessageContaining("unknown operation 'serch'");
    assertThatThrownBy(() -> Mix.parse("search=lots", KNOWN)).hasMessageContaining("whole number");
    assertThatThrownBy(() -> Mix.parse("search=-1", KNOWN)).hasMessageContaining("between 0 and 1000");
    assertThatThrownBy(() -> Mix.parse("search=1,search=2", KNOWN)).hasMessageContaining("twice");
    assertThatThrownBy(() -> Mix.parse("search=0", KNOWN)).hasMessageContaining("at least one");
  }
}
