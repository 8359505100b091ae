package dev.engram.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.engram.embed.TokenCounter;

/**
 * Counts tokens with OpenAI's cl100k_base encoding (jtokkit): close enough to what most chat
 * models use to keep a prompt within its budget.
 */
public final class Cl100k implements TokenCounter {
  private final Encoding encoding =
      Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  @Override
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }
}
