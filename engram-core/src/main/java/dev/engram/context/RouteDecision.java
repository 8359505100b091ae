package dev.engram.context;

import dev.engram.common.Checks;

/** A router's decision for one question and the reason for it, shown to users and in results. */
public record RouteDecision(Route route, String reason) {
  public RouteDecision {
    Checks.notNull(route, "route");
    Checks.notBlank(reason, "reason");
  }
}
