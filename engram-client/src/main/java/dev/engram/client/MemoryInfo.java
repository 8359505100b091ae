package dev.engram.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A stored memory: text, kind, importance, owner, its times (bi-temporal), provenance and version. */
public record MemoryInfo(String id, String memory, String kind, double importance,
    Optional<String> userId, Optional<String> agentId, Optional<String> sessionId, Instant eventTime,
    Instant createdAt, Instant validFrom, Optional<Instant> validTo, List<String> provenance, int version) {}
