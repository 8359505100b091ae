package dev.engram.server.http;

/** One route's work: reads the call, returns what to answer. */
@FunctionalInterface
public interface ApiHandler {
  Reply handle(Call call) throws Exception;
}
