package dev.engram.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.server.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Relays an event stream with one top-level field added to its first chunk object, the rest
 * byte for byte. OpenAI clients keep unknown fields of a chunk or ignore them, so the stream
 * stays valid for every one of them; a separate chunk would not, since a chunk with no choices
 * breaks clients that read {@code choices[0]} unless they asked for usage.
 *
 * <p>The first chunk is chosen because the citations are known before the model writes a word:
 * a client can show the sources while the text streams, and a stream cut short still had them.
 * Until that chunk has passed, bytes are written a whole line at a time (an event is one line);
 * after it, as they come.
 */
final class FirstChunkField {
  private final byte[] field;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean added;

  /** Adds {@code "name": value} to the first chunk. */
  FirstChunkField(String name, JsonNode value) {
    this.field = ("," + new String(Json.write(name), StandardCharsets.UTF_8) + ":" + value)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** True once the field went out in a chunk. */
  boolean added() {
    return added;
  }

  /** Writes {@code buffer[offset, offset + length)} on to {@code out}, the first chunk with the field. */
  void write(byte[] buffer, int offset, int length, OutputStream out) throws IOException {
    int i = offset;
    int end = offset + length;
    while (!added && i < end) {
      byte b = buffer[i++];
      line.write(b);
      if (b == '\n') {
        out.write(edited(line.toByteArray()));
        line.reset();
      }
    }
    if (i < end) {
      out.write(buffer, i, end - i);
    }
  }

  /** Writes what is held of an unfinished line: the stream ended without its newline. */
  void finish(OutputStream out) throws IOException {
    if (line.size() > 0) {
      out.write(line.toByteArray());
      line.reset();
    }
  }

  /** {@code l} (one line with its newline) with the field, when it is the first chunk object. */
  private byte[] edited(byte[] l) {
    String text = new String(l, StandardCharsets.UTF_8);
    if (!text.startsWith("data:")) {
      return l; // event names, ids, comments, the blank line after an event
    }
    String data = text.substring(5).strip();
    if (!data.startsWith("{")) {
      return l; // [DONE] with no chunk before it
    }
    JsonNode chunk;
    try {
      chunk = Json.mapper().readTree(data);
    } catch (IOException e) {
      return l; // not JSON: the tap reports it; this line passes unchanged
    }
    if (!chunk.isObject() || chunk.has("error") || !chunk.path("choices").isArray()) {
      return l;
    }
    int close = l.length - 1;
    while (close >= 0 && l[close] != '}') {
      close--;
    }
    byte[] out = new byte[l.length + field.length];
    System.arraycopy(l, 0, out, 0, close);
    System.arraycopy(field, 0, out, close, field.length);
    System.arraycopy(l, close, out, close + field.length, l.length - close);
    added = true;
    return out;
  }
}
