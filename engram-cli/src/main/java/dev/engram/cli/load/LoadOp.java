package dev.engram.cli.load;

/**
 * One kind of request the bench sends, named as in {@code --mix} ({@code search=70}). An
 * implementation holds its own inputs and picks one per call from {@code n}, so the requests of
 * a run differ and repeat in the same order every run. A new kind (say the OpenAI proxy's chat
 * completions) is one more implementation, registered in {@link LoadOps}.
 */
public interface LoadOp {
  /** The name {@code --mix} uses and the report prints. */
  String name();

  /**
   * Sends the {@code n}-th request of this kind from client {@code client}, and returns when its
   * reply is read; a failure throws (an error reply, a timeout, an unreachable server).
   */
  void call(LoadTarget target, int client, long n) throws Exception;

  /**
   * Checks, once before any load, what every call would need (the proxy op's upstream): a
   * failure here stops the bench with its error, instead of every client failing it as fast as
   * it can for the whole run (two million errors in two seconds without this check).
   */
  default void prepare(LoadTarget target) throws Exception {}
}
