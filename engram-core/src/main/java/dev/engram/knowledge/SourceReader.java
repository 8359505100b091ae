package dev.engram.knowledge;

import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a source file after checking it is readable, not empty and under the size limit; for text
 * formats also that it is not binary and is valid UTF-8.
 */
final class SourceReader {
  static final int BINARY_PROBE_BYTES = 8 * 1024;

  private final long maxBytes;

  SourceReader(long maxBytes) {
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "maxFileBytes must be in [1, 2 GB), got: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The file's bytes, once it passed the readability, emptiness and size checks. */
  byte[] readBytes(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidInputException(SourceErrors.UNREADABLE,
          "File " + file + " does not exist; check the path.");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(SourceErrors.UNREADABLE,
          file + " is not a regular file; pass a file or a folder of files.");
    }
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new InvalidInputException(SourceErrors.EMPTY,
            "File " + file + " is empty; remove it or add content.");
      }
      if (size > maxBytes) {
        throw new InvalidInputException(SourceErrors.TOO_LARGE,
            "File " + file + " is " + megabytes(size) + ", over the " + megabytes(maxBytes)
                + " limit; split it into smaller files or raise the file size limit.");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(SourceErrors.UNREADABLE,
          "Cannot read " + file + " (" + e + "); check its permissions.", e);
    }
  }

  /** The file decoded as strict UTF-8 (BOM dropped, CRLF and CR turned into LF). */
  String readText(Path file) {
    byte[] bytes = readBytes(file);
    int probe = Math.min(bytes.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < probe; i++) {
      if (bytes[i] == 0) {
        throw new InvalidInputException(SourceErrors.BINARY,
            "File " + file + " looks binary (NUL byte at offset " + i + "); only UTF-8 text is"
                + " accepted for this extension. Convert it to UTF-8 text or remove it.");
      }
    }
    int bom = hasBom(bytes) ? 3 : 0;
    String text = decode(file, bytes, bom);
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String decode(Path file, byte[] bytes, int from) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    CharBuffer out = CharBuffer.allocate(bytes.length - from);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new InvalidInputException(SourceErrors.INVALID_UTF8,
          "File " + file + " is not valid UTF-8: bad byte 0x"
              + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xff) + " at byte offset "
              + offset + " (line " + lineAt(bytes, offset) + "). Re-save it as UTF-8.");
    }
    return out.flip().toString();
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB
        && (b[2] & 0xff) == 0xBF;
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
