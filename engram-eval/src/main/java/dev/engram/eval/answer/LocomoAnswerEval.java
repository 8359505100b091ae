package dev.engram.eval.answer;

import dev.engram.common.Checks;
import dev.engram.chat.ChatModel;
import dev.engram.chat.ChatRequest;
import dev.engram.chat.ChatResponse;
import dev.engram.embed.TokenCounter;
import dev.engram.eval.memory.LocomoConversation;
import dev.engram.eval.memory.LocomoEval;
import dev.engram.memory.Memories;
import dev.engram.memory.model.RecallQuery;
import dev.engram.memory.model.RecalledMemory;
import dev.engram.common.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * LoCoMo question answering end to end, as the Mem0 paper scores it: each conversation is
 * remembered ({@link LocomoEval#remember}), then for every question of categories 1-4 the best
 * recalled lines that fit the token budget (chosen by relevance from at least 60 results, shown
 * oldest first with their dates) go to the chat model, which answers in a few words; the {@link
 * Judge} labels the answer and {@link TokenF1} compares it with the gold answer.
 */
public final class LocomoAnswerEval {
  private static final String[] NAMES = {"overall", "multi-hop", "temporal", "open-domain", "single-hop"};
  private static final int POOL = 60;
  private static final String SYSTEM = """
      You answer questions about a conversation between two people, using memories of that \
      conversation. Each memory starts with the date it refers to, in brackets. Answer in as few \
      words as possible (a name, a date, a short phrase), without explanation. For a question \
      about when something happened, answer with the date, working out relative dates ("last \
      year", "the week before") from the memory's date. If the memories do not say, give your \
      best guess from them.""";

  private final Memories memories;
  private final TokenCounter tokens;
  private final ChatModel model;
  private final Judge judge;

  /**
   * @param memories an empty memory store (the conversations are remembered into tenant {@value
   *     LocomoEval#TENANT})
   * @param tokens counts context tokens (cl100k_base in the CLI)
   * @param model answers the questions and judges the answers
   */
  public LocomoAnswerEval(Memories memories, TokenCounter tokens, ChatModel model) {
    this.memories = Checks.notNull(memories, "memories");
    this.tokens = Checks.notNull(tokens, "tokens");
    this.model = Checks.notNull(model, "model");
    this.judge = new Judge(model);
  }

  /** Remembers every conversation, answers and judges every question of categories 1-4. */
  public AnswerReport run(List<LocomoConversation> conversations, int k, int budget) {
    Checks.atLeast(k, 1, "k");
    Checks.atLeast(budget, 1, "budget");
    LocomoEval.Remembered remembered = new LocomoEval(memories, tokens).remember(conversations);
    double[][] sums = new double[5][4]; // per category: questions, J, F1, context tokens
    int unjudged = 0;
    long[] usage = new long[2];
    for (LocomoConversation c : conversations) {
      Scope user = new Scope(LocomoEval.TENANT, Optional.of(c.id()), Optional.empty(), Optional.empty());
      for (LocomoConversation.Question q : c.questions()) {
        if (q.category() < 1 || q.category() > 4) {
          continue;
        }
        List<RecalledMemory> pool =
            memories.recall(new RecallQuery(user, q.question(), Math.max(k, POOL), Optional.empty(), false));
        Context context = context(pool, budget);
        ChatResponse answer = model.chat(ChatRequest.of(SYSTEM,
                "Memories:\n" + context.text() + "\nQuestion: " + q.question() + "\nShort answer:")
            .withTemperature(0).withMaxTokens(128));
        count(usage, answer);
        String generated = answer.text().strip();
        Optional<Judge.Label> label = judge.judge(q.question(), q.answer(), generated);
        if (label.isEmpty()) {
          unjudged++;
        }
        double j = label.orElse(Judge.Label.WRONG) == Judge.Label.CORRECT ? 1 : 0;
        double f1 = TokenF1.score(generated, q.answer());
        for (int row : new int[] {0, q.category()}) {
          sums[row][0]++;
          sums[row][1] += j;
          sums[row][2] += f1;
          sums[row][3] += context.tokens();
        }
      }
    }
    List<AnswerReport.Row> rows = new ArrayList<>();
    for (int cat = 1; cat <= 4; cat++) {
      rows.add(row(cat, sums[cat]));
    }
    return new AnswerReport(conversations.size(), remembered.turns(), remembered.seconds(), k,
        budget, unjudged, usage[0] + judge.promptTokens(), usage[1] + judge.completionTokens(),
        rows, row(0, sums[0]));
  }

  /** The recalled lines of the context and their token count. */
  record Context(String text, int tokens) {}

  /** The most relevant results that fit {@code budget} tokens, oldest first. */
  Context context(List<RecalledMemory> pool, int budget) {
    int used = 0;
    List<RecalledMemory> chosen = new ArrayList<>();
    for (RecalledMemory r : pool) {
      int cost = tokens.count(LocomoEval.contextLine(r)) + 1;
      if (used + cost > budget) {
        continue; // a shorter result further down may still fit
      }
      used += cost;
      chosen.add(r);
    }
    StringBuilder text = new StringBuilder();
    chosen.stream().sorted(Comparator.comparing(RecalledMemory::eventTime))
        .forEach(r -> text.append(LocomoEval.contextLine(r)).append('\n'));
    return new Context(text.toString(), used);
  }

  private static void count(long[] usage, ChatResponse r) {
    usage[0] += r.promptTokens();
    usage[1] += r.completionTokens();
  }

  private static AnswerReport.Row row(int cat, double[] s) {
    double n = Math.max(s[0], 1);
    return new AnswerReport.Row(cat, NAMES[cat], (int) s[0], s[1] / n, s[2] / n, s[3] / n);
  }
}
