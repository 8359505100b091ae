package dev.engram.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.common.InvalidInputException;
import dev.engram.common.VectorSpace;
import dev.engram.index.IndexConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointTest {
  private static final VectorSpace SPACE = new VectorSpace("m", 4);
  @TempDir Path dir;

  private static Endpoint of(String uri) {
    return Endpoint.of(IndexConfig.of(uri, SPACE));
  }

  @Test
  void should_read_plain_http_with_defaults_when_given_host_and_port() {
    Endpoint e = of("opensearch://127.0.0.1:9200");

    assertThat(e.url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(e.prefix()).isEqualTo("engram");
    assertThat(e.shards()).isEqualTo(1);
    assertThat(e.replicas()).isZero();
    assertThat(e.user()).isEmpty();
    assertThat(of("opensearch://search.local").port()).isEqualTo(9200);
  }

  @Test
  void should_read_https_basic_auth_and_parameters_when_a_managed_cluster_is_named() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked until connecting");
    Endpoint e = of("opensearch:https://engram:s%40cret@search.example.com?prefix=team-a&shards=3"
        + "&replicas=1&ca=" + ca);

    assertThat(e.url()).isEqualTo("https://search.example.com:443");
    assertThat(e.user()).contains("engram");
    assertThat(e.password()).contains("s@cret");
    assertThat(e.prefix()).isEqualTo("team-a");
    assertThat(e.shards()).isEqualTo(3);
    assertThat(e.replicas()).isEqualTo(1);
    assertThat(e.ca()).contains(ca);
  }

  @Test
  void should_let_options_override_the_uri_so_a_password_need_not_be_written_in_it() {
    Endpoint e = Endpoint.of(new IndexConfig("opensearch://ann@h:9200?prefix=a", SPACE,
        Map.of("password", "pw", "prefix", "b"), false));

    assertThat(e.user()).contains("ann");
    assertThat(e.password()).contains("pw");
    assertThat(e.prefix()).isEqualTo("b");
  }

  @Test
  void should_refuse_malformed_uris_with_engram_510_and_hide_the_password() {
    for (String bad : new String[] {"opensearch:host:9200", "opensearch://h:9200/some/path",
        "opensearch://h:9200?colour=red", "opensearch://h:9200?prefix=Upper",
        "opensearch://h:9200?shards=0", "opensearch://h:9200?replicas=x",
        "opensearch://h:9200?ca=/no/such/ca.pem", "opensearch://h:9200?prefix"}) {
      assertThatThrownBy(() -> of(bad)).as(bad).isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-510");
    }
    assertThatThrownBy(() -> of("opensearch://ann:topsecret@h:9200?colour=red"))
        .hasMessageContaining("ann:***@").hasMessageNotContaining("topsecret");
  }

  @Test
  void should_refuse_a_ca_file_without_certificates() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> Clients.trusting(ca)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(ca.toString())
        .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("ENGRAM-510");
  }
}
