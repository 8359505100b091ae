package dev.engram.langchain4j;

import dev.engram.bridge.Turn;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Optional;

/** LangChain4j's messages as Engram's turns and back; only user and AI text is a turn. */
final class Messages {
  /**
   * The attribute {@link EngramRetrievalAugmentor} puts the user's own words under, so the
   * augmented message (question plus context) is remembered as what the user said, not as the
   * context Engram added.
   */
  static final String ORIGINAL_TEXT = "engram.original_text";

  private Messages() {}

  static List<Turn> turns(List<ChatMessage> messages) {
    return messages.stream().map(Messages::turn).flatMap(Optional::stream).toList();
  }

  static Optional<Turn> turn(ChatMessage m) {
    return switch (m) {
      case UserMessage u -> Optional.of(Turn.user(userText(u))).filter(t -> !t.text().isBlank());
      case AiMessage a -> Optional.ofNullable(a.text()).filter(t -> !t.isBlank()).map(Turn::assistant);
      default -> Optional.empty(); // system prompts and tool traffic are not the conversation
    };
  }

  /** The user's own words: the text before augmentation when Engram augmented it. */
  static String userText(UserMessage u) {
    if (u.attributes().get(ORIGINAL_TEXT) instanceof String original) {
      return original;
    }
    return u.hasSingleText() ? u.singleText() : "";
  }

  static ChatMessage message(Turn t) {
    return t.role().equals("assistant") ? AiMessage.from(t.text()) : UserMessage.from(t.text());
  }
}
