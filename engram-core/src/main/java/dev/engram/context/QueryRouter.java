package dev.engram.context;

/** The routing seam: decides whether a question needs knowledge, memory or both. */
@FunctionalInterface
public interface QueryRouter {
  /** The decision for {@code question}, with a reason a person can read. */
  RouteDecision route(String question);
}
