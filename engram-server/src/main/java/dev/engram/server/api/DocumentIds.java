package dev.engram.server.api;

import dev.engram.common.InvalidInputException;
import java.util.regex.Pattern;

/** The rule for document ids given by a client: the same characters as scope ids. */
final class DocumentIds {
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@+\\-]{1,128}");

  private DocumentIds() {}

  static String check(String id) {
    if (!ID.matcher(id).matches()) {
      throw new InvalidInputException("ENGRAM-300", "document id '" + id
          + "' is invalid: use 1-128 letters, digits or . _ : @ + -");
    }
    return id;
  }
}
