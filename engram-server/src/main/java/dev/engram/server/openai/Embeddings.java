package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.engram.embed.Embedder;
import dev.engram.embed.TokenCounter;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.Call;
import dev.engram.server.http.Json;
import dev.engram.server.http.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/embeddings} in OpenAI's format, served by Engram's in-process model: {@code
 * input} is a string or a list of them, the reply has {@code data[].embedding} (floats, or
 * base64 little-endian float32 with {@code "encoding_format": "base64"}, which the Python client
 * asks for by default), {@code usage} in the model's own tokens, and the model's name. Texts are
 * embedded as passages (no query instruction), as Engram embeds what it indexes. Token-id input
 * is read as cl100k_base ids, which is what LangChain's OpenAI embedder sends by default.
 */
final class Embeddings {
  /** Bad input: the reply is a problem naming the field. */
  static final String BAD_INPUT = "ENGRAM-964";
  /** OpenAI's own limit of inputs per request. */
  static final int MAX_INPUTS = 2_048;

  private final Embedder embedder;
  private final TokenCounter tokens;
  private final long maxJsonBytes;
  /** Made on the first token-id request: loading the encoding takes about a second. */
  private volatile Encoding cl100k;

  Embeddings(Embedder embedder, TokenCounter tokens, long maxJsonBytes) {
    this.embedder = embedder;
    this.tokens = tokens;
    this.maxJsonBytes = maxJsonBytes;
  }

  Reply handle(Call call) {
    JsonNode root = Json.read(call.bytes(maxJsonBytes), JsonNode.class);
    if (!root.isObject()) {
      throw bad("(body)", "the request body must be a JSON object: {\"input\": \"text\", \"model\": \"...\"}");
    }
    List<String> texts = texts(root.path("input"));
    String format = root.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw bad("encoding_format", "field 'encoding_format' must be float or base64, got: " + format);
    }
    int dimension = embedder.space().dimension();
    if (root.hasNonNull("dimensions") && root.get("dimensions").asInt(-1) != dimension) {
      throw bad("dimensions", "field 'dimensions': " + embedder.space().model() + " makes vectors of "
          + dimension + " dimensions only, got: " + root.get("dimensions"));
    }
    List<float[]> vectors = embedder.embedDocuments(texts);
    ObjectNode reply = Json.mapper().createObjectNode().put("object", "list");
    ArrayNode data = reply.putArray("data");
    int used = 0;
    for (int i = 0; i < vectors.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (format.equals("base64")) {
        item.put("embedding", base64(vectors.get(i)));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vectors.get(i)) {
          values.add(v);
        }
      }
      used += tokens.count(texts.get(i));
    }
    reply.put("model", embedder.space().model());
    reply.putObject("usage").put("prompt_tokens", used).put("total_tokens", used);
    return Reply.ok(reply);
  }

  private List<String> texts(JsonNode input) {
    if (input.isMissingNode() || input.isNull()) {
      throw new ApiException(400, BAD_INPUT, "field 'input' is required: a string or a list of"
          + " strings to embed", Optional.of("input"));
    }
    if (input.isTextual()) {
      return List.of(text(input, "input"));
    }
    if (!input.isArray() || input.isEmpty()) {
      throw bad("input", "field 'input' must be a string or a non-empty list of strings");
    }
    if (input.size() > MAX_INPUTS) {
      throw bad("input", "field 'input' has " + input.size() + " items, over the limit of "
          + MAX_INPUTS + ": send several requests");
    }
    if (input.get(0).isIntegralNumber()) {
      return List.of(decode(input, "input")); // one text as token ids
    }
    List<String> texts = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      texts.add(item.isArray() ? decode(item, "input[" + i + "]") : text(item, "input[" + i + "]"));
    }
    return texts;
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw bad(field, "field '" + field + "' must be a string, got: " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (node.asText().isBlank()) {
      throw bad(field, "field '" + field + "' is empty: every input needs some text");
    }
    return node.asText();
  }

  private String decode(JsonNode ids, String field) {
    IntArrayList tokens = new IntArrayList(ids.size());
    for (JsonNode id : ids) {
      if (!id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0) {
        throw bad(field, "field '" + field + "' must be a string or a list of cl100k_base token ids");
      }
      tokens.add(id.asInt());
    }
    if (tokens.isEmpty()) {
      throw bad(field, "field '" + field + "' is empty: every input needs some text");
    }
    try {
      return encoding().decode(tokens);
    } catch (RuntimeException e) {
      throw bad(field, "field '" + field + "' holds ids that are not cl100k_base tokens: send text");
    }
  }

  private Encoding encoding() {
    Encoding e = cl100k;
    if (e == null) {
      synchronized (this) {
        if (cl100k == null) {
          cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        }
        e = cl100k;
      }
    }
    return e;
  }

  private static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private static ApiException bad(String field, String message) {
    return new ApiException(400, BAD_INPUT, message, Optional.of(field));
  }
}
