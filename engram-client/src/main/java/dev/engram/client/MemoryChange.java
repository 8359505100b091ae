package dev.engram.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One entry of a memory's history: the event ({@code ADD}, {@code UPDATE}, ...), when, why, and the text. */
public record MemoryChange(String id, String memoryId, String event, Instant time, String reason,
    Optional<String> text, Optional<String> relatedId, List<String> provenance) {}
