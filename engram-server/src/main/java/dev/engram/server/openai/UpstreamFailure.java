package dev.engram.server.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.common.EngramException;
import dev.engram.server.http.Json;

/**
 * The upstream LLM could not be used: unreachable, too slow, or its reply broke off. Answered to
 * the client in OpenAI's error shape, so that OpenAI clients show the message: 502 (ENGRAM-962)
 * or 504 on a timeout (ENGRAM-963).
 */
final class UpstreamFailure extends EngramException {
  static final String FAILED = "ENGRAM-962";
  static final String TIMEOUT = "ENGRAM-963";

  private final int status;

  UpstreamFailure(int status, String code, String message, Throwable cause) {
    super(code, message, cause);
    this.status = status;
  }

  static UpstreamFailure failed(String message, Throwable cause) {
    return new UpstreamFailure(502, FAILED, message, cause);
  }

  static UpstreamFailure timeout(String message, Throwable cause) {
    return new UpstreamFailure(504, TIMEOUT, message, cause);
  }

  int status() {
    return status;
  }

  /** OpenAI's error object: {@code {"error": {"message", "type", "code"}}}. */
  byte[] body() {
    return openAiError(getMessage(), status == 504 ? "upstream_timeout" : "upstream_error", code());
  }

  static byte[] openAiError(String message, String type, String code) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.putObject("error").put("message", message).put("type", type).put("code", code)
        .putNull("param");
    return Json.write(root);
  }
}
