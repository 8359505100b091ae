package dev.engram.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.engram.embed.TokenCounter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens with OpenAI's cl100k_base encoding (jtokkit): close enough to what most chat
 * models use to keep a prompt within its budget. Every instance shares one table, built on the
 * first count (or {@link #preload()}): jtokkit's default registry builds all four of its
 * encodings, which took about a second of {@code engram serve}'s 3.3 s start; the lazy registry
 * builds only cl100k.
 *
 * <p>Each instance remembers the counts of the texts it counted last: a context counts every
 * candidate passage and memory, and the same chunks and the same user's memories come back request
 * after request. Counting took about half of the assembler's time (1.2 of 2.5 ms per context of
 * 8 passages and 10 memories, loaded machine); a remembered count costs a hash of the text.
 */
public final class Cl100k implements TokenCounter {
  /**
   * Texts remembered at most; the memory is forgotten whole when full. Not measured; chosen by hand
   * to bound the cache to a few MB ({@value #LONGEST} chars each at most).
   */
  static final int REMEMBERED = 1_024;
  /** Longer texts (whole prompts) are counted each time: they rarely come back. Chosen by hand. */
  static final int LONGEST = 4_096;

  private static final class Table {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }

  private final Map<String, Integer> counted = new ConcurrentHashMap<>();

  @Override
  public int count(String text) {
    if (text.length() > LONGEST) {
      return Table.ENCODING.countTokensOrdinary(text);
    }
    Integer known = counted.get(text);
    if (known != null) {
      return known;
    }
    int n = Table.ENCODING.countTokensOrdinary(text);
    if (counted.size() >= REMEMBERED) {
      counted.clear();
    }
    counted.put(text, n);
    return n;
  }

  /** Builds the table now (a server does it off the start path, before the first request needs it). */
  public static void preload() {
    Table.ENCODING.countTokensOrdinary("");
  }
}
