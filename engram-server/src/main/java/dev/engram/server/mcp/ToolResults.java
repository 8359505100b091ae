package dev.engram.server.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.common.EngramException;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import dev.engram.server.http.Problem;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Optional;

/**
 * The two shapes of a tool's answer. A success carries text for the model and, as {@code
 * structuredContent}, the same JSON object the REST twin answers (ids, spans, scores). A failure
 * is an {@code isError} result whose text starts with the ENGRAM code and whose structured content
 * is the REST API's problem detail, so that a model can read what to fix and a program can switch
 * on the code.
 */
final class ToolResults {
  private static final System.Logger LOG = System.getLogger(ToolResults.class.getName());
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private ToolResults() {}

  static CallToolResult ok(String text, Object view) {
    return CallToolResult.builder().addTextContent(text).structuredContent(object(view))
        .isError(false).build();
  }

  /** The arguments as {@code type}, read as strictly as a REST body: unknown or mistyped fields fail. */
  static <T> T arguments(Map<String, Object> arguments, Class<T> type) {
    return Json.read(Json.write(arguments == null ? Map.of() : arguments), type);
  }

  /** The error result for {@code e}, raised while running {@code tool}. */
  static CallToolResult error(Exception e, String tool) {
    String instance = "mcp:tools/" + tool;
    Problem p;
    if (e instanceof EngramException ee) {
      p = Problem.of(ee, instance);
    } else if (e instanceof IllegalArgumentException) {
      // The engine's records refuse bad values this way ("k must be >= 1, got: 0"), as over REST.
      p = Problem.of(422, ErrorCodes.BAD_FIELD, e.getMessage(), instance, Optional.empty());
    } else {
      LOG.log(System.Logger.Level.ERROR, "unexpected error in MCP tool " + tool, e);
      p = Problem.of(500, ErrorCodes.INTERNAL, "unexpected error (" + e.getClass().getSimpleName()
          + "): the server log has the details", instance, Optional.empty());
    }
    String text = p.code() + ": " + p.detail() + p.field().map(f -> " (argument '" + f + "')").orElse("");
    return CallToolResult.builder().addTextContent(text).structuredContent(object(p))
        .isError(true).build();
  }

  /** {@code 1 memory}, {@code 3 memories}, {@code 0 passages}. */
  static String count(int n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }

  private static Map<String, Object> object(Object view) {
    return Json.mapper().convertValue(view, OBJECT);
  }
}
