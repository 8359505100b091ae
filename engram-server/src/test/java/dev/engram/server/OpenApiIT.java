package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.server.http.Route;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document checked three ways: it parses and validates as OpenAPI 3.1, every route
 * the server registers is in it with its method, and every operation in it is served (a request
 * to it reaches a route, never "no route" or "method not allowed").
 */
class OpenApiIT {
  @TempDir static Path tmp;
  static Served served;
  static JsonNode spec;
  static String text;

  @BeforeAll
  static void start() throws Exception {
    served = Served.fake(tmp.resolve("data"));
    Http.Response r = served.http.get("/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    text = r.body();
    spec = new ObjectMapper().readTree(text);
  }

  @AfterAll
  static void stop() {
    served.close();
  }

  @Test
  void should_validate_as_openapi_3_1() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
    assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    // Every schema reference points at a schema that exists.
    List<String> refs = new ArrayList<>();
    spec.findValues("$ref").forEach(ref -> refs.add(ref.asText()));
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(spec.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void should_document_every_registered_route() {
    for (Route r : served.server.routes()) {
      JsonNode op = spec.path("paths").path(r.path()).path(r.method().toLowerCase(Locale.ROOT));
      assertThat(op.isMissingNode()).as(r.method() + " " + r.path() + " is not in the spec").isFalse();
      assertThat(op.path("responses").size()).as(r.path()).isPositive();
      if (!r.bodyTypes().isEmpty()) {
        assertThat(Set.copyOf(iter(op.path("requestBody").path("content").fieldNames())))
            .as(r.method() + " " + r.path()).isEqualTo(r.bodyTypes());
      }
      boolean isPublic = op.has("security") && op.get("security").isEmpty();
      assertThat(isPublic).as(r.path()).isEqualTo(r.access() == dev.engram.server.http.Access.PUBLIC);
    }
  }

  @Test
  void should_serve_every_documented_operation() {
    Set<String> registered = new TreeSet<>();
    served.server.routes().forEach(r -> registered.add(r.method() + " " + r.path()));
    Set<String> documented = new TreeSet<>();
    spec.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
        method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(documented).isEqualTo(registered);
    for (String op : documented) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "probe");
      Http.Response r = served.http.raw(method, path, null, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as(op + " -> " + r).isNotIn(404, 405);
    }
  }

  private static <T> List<T> iter(java.util.Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
