package dev.engram.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.common.EngramException;
import dev.engram.common.InvalidInputException;
import dev.engram.common.ModelException;
import dev.engram.common.StorageException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void should_map_engine_errors_to_the_status_that_says_whose_fault_it_is() {
    assertThat(Problem.status(new InvalidInputException("ENGRAM-404", "no document"))).isEqualTo(404);
    assertThat(Problem.status(new InvalidInputException("ENGRAM-306", "no memory"))).isEqualTo(404);
    assertThat(Problem.status(new InvalidInputException("ENGRAM-201", "too large"))).isEqualTo(413);
    assertThat(Problem.status(new InvalidInputException("ENGRAM-208", "unsupported"))).isEqualTo(415);
    assertThat(Problem.status(new InvalidInputException("ENGRAM-401", "empty query"))).isEqualTo(422);
    assertThat(Problem.status(new StorageException("ENGRAM-503", "read-only"))).isEqualTo(503);
    assertThat(Problem.status(new StorageException("disk", new java.io.IOException()))).isEqualTo(500);
    assertThat(Problem.status(new ModelException("ENGRAM-604", "timeout"))).isEqualTo(504);
    assertThat(Problem.status(new ModelException("ENGRAM-601", "unreachable"))).isEqualTo(502);
    assertThat(Problem.status(new ModelException("ENGRAM-703", "inference"))).isEqualTo(500);
    assertThat(Problem.status(new EngramException("ENGRAM-001", "no backend"))).isEqualTo(500);
    assertThat(Problem.status(new ApiException(409, ErrorCodes.CONFLICT, "superseded"))).isEqualTo(409);
  }

  @Test
  void should_name_the_code_as_type_and_keep_the_field() {
    Problem p = Problem.of(ApiException.badField(ErrorCodes.BAD_FIELD, "top_k", "must be an integer"), "/v1/search");
    assertThat(p.type()).isEqualTo("urn:engram:error:ENGRAM-901");
    assertThat(p.title()).isEqualTo("Bad Request");
    assertThat(p.field()).contains("top_k");
    assertThat(new String(Json.write(p), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"field\":\"top_k\"").contains("\"instance\":\"/v1/search\"");
    assertThat(new String(Json.write(Problem.of(500, ErrorCodes.INTERNAL, "x", "/", Optional.empty())),
        java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("field");
  }
}
