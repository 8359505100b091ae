package dev.engram.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.engram.embed.TokenCounter;

/**
 * Counts tokens with OpenAI's cl100k_base encoding (jtokkit): close enough to what most chat
 * models use to keep a prompt within its budget. Every instance shares one table, built on the
 * first count (or {@link #preload()}): jtokkit's default registry builds all four of its
 * encodings, which took about a second of {@code engram serve}'s 3.3 s start; the lazy registry
 * builds only cl100k.
 */
public final class Cl100k implements TokenCounter {
  private static final class Table {
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  }

  @Override
  public int count(String text) {
    return Table.ENCODING.countTokensOrdinary(text);
  }

  /** Builds the table now (a server does it off the start path, before the first request needs it). */
  public static void preload() {
    Table.ENCODING.countTokensOrdinary("");
  }
}
