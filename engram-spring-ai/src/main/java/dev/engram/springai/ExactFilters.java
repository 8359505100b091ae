package dev.engram.springai;

import dev.engram.common.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Spring AI filter expressions as Engram's exact-match metadata filters: {@code key == value}, a
 * one-value {@code in}, and {@code &&} of those; the key {@code id} names the id a document was
 * added with. Engram's index matches keywords exactly and conjunctively; any other operator is
 * refused (ENGRAM-951) rather than half applied.
 */
final class ExactFilters {
  /** The keyword of a chunk that holds its document's id (the id it was added with). */
  static final String DOCUMENT_ID = "doc";

  private ExactFilters() {}

  static Map<String, String> of(Filter.Expression e) {
    Map<String, String> out = new LinkedHashMap<>();
    collect(e, out);
    return out;
  }

  private static void collect(Filter.Operand operand, Map<String, String> out) {
    if (!(operand instanceof Filter.Expression e)) {
      throw unsupported(String.valueOf(operand));
    }
    switch (e.type()) {
      case AND -> {
        collect(e.left(), out);
        collect(e.right(), out);
      }
      case EQ -> out.put(key(e), value(((Filter.Value) e.right()).value(), e));
      case IN -> {
        Object v = ((Filter.Value) e.right()).value();
        if (!(v instanceof List<?> l) || l.size() != 1) {
          throw unsupported(e.toString());
        }
        out.put(key(e), value(l.getFirst(), e));
      }
      default -> throw unsupported(e.toString());
    }
  }

  private static String key(Filter.Expression e) {
    if (!(e.left() instanceof Filter.Key k)) {
      throw unsupported(e.toString());
    }
    // The text parser keeps quotes around keys that need them: "'tag'" names tag.
    String key = k.key().replaceAll("^['\"]|['\"]$", "");
    return key.equals("id") ? DOCUMENT_ID : key;
  }

  private static String value(Object v, Filter.Expression e) {
    if (v == null || v instanceof List<?>) {
      throw unsupported(e.toString());
    }
    return String.valueOf(v);
  }

  static InvalidInputException unsupported(String what) {
    return new InvalidInputException("ENGRAM-951", "Engram filters match metadata exactly: use"
        + " key == 'value', a one-value in, and && of those (to delete by ids, also id in [...] and"
        + " || of id == 'x'); cannot apply " + what);
  }
}
