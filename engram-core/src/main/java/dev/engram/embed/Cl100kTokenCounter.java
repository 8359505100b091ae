package dev.engram.embed;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens as OpenAI's cl100k_base tokenizer does (jtokkit): the measure of prompt budgets,
 * close enough for other chat models' tokenizers.
 */
public final class Cl100kTokenCounter implements TokenCounter {
  private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  @Override
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }
}
