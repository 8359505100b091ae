package dev.engram.models.openai;

import dev.engram.common.ModelException;
import dev.engram.chat.ChatModelConfig;
import java.net.URI;

/**
 * The errors a chat endpoint can cause, each with a stable code and a message that says what to
 * configure. Codes: 601 unreachable, 602 key refused, 603 model or URL not found, 604 timeout,
 * 605 server failing (429, 5xx), 606 malformed reply, 607 reply cut off, 608 request refused,
 * 609 interrupted.
 */
final class ChatFailures {
  static final String UNREACHABLE = "ENGRAM-601";
  static final String UNAUTHORIZED = "ENGRAM-602";
  static final String NOT_FOUND = "ENGRAM-603";
  static final String TIMEOUT = "ENGRAM-604";
  static final String SERVER_FAILING = "ENGRAM-605";
  static final String MALFORMED = "ENGRAM-606";
  static final String CUT_OFF = "ENGRAM-607";
  static final String REFUSED = "ENGRAM-608";
  static final String INTERRUPTED = "ENGRAM-609";

  private final URI url;
  private final String model;

  ChatFailures(ChatModelConfig config) {
    this.url = config.baseUrl();
    this.model = config.model();
  }

  ModelException unreachable(Exception cause) {
    return new ModelException(
        UNREACHABLE,
        "cannot reach the chat endpoint at " + url + " (" + describe(cause) + "): is the server"
            + " running at " + url + "? Start it, or set " + ChatModelConfig.BASE_URL_VAR
            + " to the right URL",
        cause);
  }

  ModelException unauthorized(int status, String detail) {
    return new ModelException(
        UNAUTHORIZED,
        "the chat endpoint " + url + " refused the API key (HTTP " + status + ": " + detail
            + "): wrong or missing API key: set " + ChatModelConfig.API_KEY_VAR);
  }

  ModelException notFound(String detail) {
    return new ModelException(
        NOT_FOUND,
        "model " + model + " not found at " + url + " (HTTP 404: " + detail + "): set "
            + ChatModelConfig.MODEL_VAR + " to a model the server has (e.g. `ollama list`), and "
            + ChatModelConfig.BASE_URL_VAR + " to a URL ending in /v1");
  }

  ModelException timeout(Exception cause) {
    return new ModelException(
        TIMEOUT,
        "the chat endpoint " + url + " did not answer within the timeout: a large model may need"
            + " longer (set " + ChatModelConfig.TIMEOUT_VAR + ") or the server is overloaded",
        cause);
  }

  ModelException serverFailing(int status, String detail) {
    return new ModelException(
        SERVER_FAILING,
        "the chat endpoint " + url + " answered HTTP " + status + " (" + detail + "): it is"
            + " overloaded or failing; try again later or raise " + ChatModelConfig.MAX_RETRIES_VAR);
  }

  ModelException malformed(String what) {
    return new ModelException(
        MALFORMED,
        "the chat endpoint " + url + " sent a reply that is not an OpenAI chat completion: " + what
            + ". Check that " + ChatModelConfig.BASE_URL_VAR
            + " points at an OpenAI-compatible API (usually ending in /v1)");
  }

  /** A reply that stopped early; the partial text ends the message. */
  ModelException cutOff(String partialText) {
    return new ModelException(CUT_OFF, cutOffMessage(partialText));
  }

  ModelException cutOff(String partialText, Exception cause) {
    return new ModelException(
        CUT_OFF, cutOffMessage(partialText) + " (" + describe(cause) + ")", cause);
  }

  private String cutOffMessage(String partialText) {
    return "the chat endpoint " + url + " closed the reply before it was complete (no finish"
        + " reason or [DONE]); the server may have crashed or a proxy cut the connection."
        + " Partial text: " + partialText;
  }

  ModelException refused(int status, String detail) {
    return new ModelException(
        REFUSED,
        "the chat endpoint " + url + " refused the request (HTTP " + status + "): " + detail);
  }

  ModelException interrupted(InterruptedException cause) {
    return new ModelException(
        INTERRUPTED, "interrupted while waiting for the chat endpoint " + url, cause);
  }

  private static String describe(Exception cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
