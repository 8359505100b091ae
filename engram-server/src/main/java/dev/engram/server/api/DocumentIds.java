package dev.engram.server.api;

import dev.engram.common.Hashes;
import dev.engram.common.InvalidInputException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The rule for document ids given by a client: the same characters as scope ids. */
final class DocumentIds {
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@+\\-]{1,128}");

  private DocumentIds() {}

  /** A stable id for a posted document of {@code source} in {@code kb}. */
  static String of(String kb, String source) {
    return HexFormat.of().formatHex(Hashes.sha256("api\u0000" + kb + "\u0000" + source), 0, 8);
  }

  static String check(String id) {
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException("ENGRAM-300", "document id '" + id
          + "' is invalid: use 1-128 letters, digits or . _ : @ + -");
    }
    return id;
  }
}
