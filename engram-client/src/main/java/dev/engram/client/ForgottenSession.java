package dev.engram.client;

import java.util.Map;
import java.util.Optional;

/** What forgetting a session removed: a count per kind of record (all zero for an unknown session). */
public record ForgottenSession(String sessionId, Optional<String> userId, Map<String, Integer> erased) {}
