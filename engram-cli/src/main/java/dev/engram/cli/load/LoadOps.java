package dev.engram.cli.load;

import dev.engram.client.Message;
import dev.engram.client.Owner;
import dev.engram.client.Question;
import dev.engram.client.RecallQuery;
import dev.engram.client.SearchQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations {@code --mix} can name, each one request of engram-client. To add one, write a
 * {@link LoadOp} and put it in {@link #all}.
 */
public final class LoadOps {
  /** As many hits as an application shows or puts in a prompt. */
  static final int TOP_K = 10;

  private LoadOps() {}

  /** Every operation, by name, over {@code work}; {@code env} names the proxy op's upstream. */
  public static Map<String, LoadOp> all(Workload work, Map<String, String> env) {
    Map<String, LoadOp> ops = new LinkedHashMap<>();
    for (LoadOp op : List.of(new Search(work.queries()), new Recall(work.questions()),
        new Remember(work.said()), new Context(work.questions()), new ProxyChat(work.queries(), env))) {
      ops.put(op.name(), op);
    }
    return ops;
  }

  /** The i-th of {@code items}, cycling: client c starts at its own offset. */
  static <T> T nth(List<T> items, int client, long n) {
    return items.get((int) Math.floorMod(n * 31 + client * 7919L, (long) items.size()));
  }

  /** {@code POST /v1/search}: a hybrid search of the default knowledge base. */
  record Search(List<String> queries) implements LoadOp {
    @Override
    public String name() {
      return "search";
    }

    @Override
    public void call(LoadTarget t, int client, long n) {
      t.client().search(SearchQuery.of(nth(queries, client, n)).withTopK(TOP_K));
    }
  }

  /** {@code POST /v1/memories/search}: a recall of a remembered conversation's user. */
  record Recall(List<Workload.Question> questions) implements LoadOp {
    @Override
    public String name() {
      return "recall";
    }

    @Override
    public void call(LoadTarget t, int client, long n) {
      Workload.Question q = nth(questions, client, n);
      t.client().recall(RecallQuery.of(q.owner(), q.text()).withTopK(TOP_K));
    }
  }

  /** {@code POST /v1/memories}: one turn, remembered (extracted) for the client's own user. */
  record Remember(List<Workload.Said> said) implements LoadOp {
    @Override
    public String name() {
      return "remember";
    }

    @Override
    public void call(LoadTarget t, int client, long n) {
      Workload.Said s = nth(said, client, n);
      t.client().remember(Owner.user("bench-writer-" + client).withSession("bench"),
          List.of(Message.user(s.text()).named(s.speaker()).at(s.time())), true);
    }
  }

  /** {@code POST /v1/context}: the blended context for a question about a remembered user. */
  record Context(List<Workload.Question> questions) implements LoadOp {
    @Override
    public String name() {
      return "context";
    }

    @Override
    public void call(LoadTarget t, int client, long n) {
      Workload.Question q = nth(questions, client, n);
      t.client().context(Question.of(q.owner(), q.text()));
    }
  }
}
