package dev.engram.client;

import java.util.Map;

/** What erasing a user removed: a count per kind of record. */
public record Erased(String userId, Map<String, Integer> erased) {}
