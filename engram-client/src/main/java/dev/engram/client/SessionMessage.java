package dev.engram.client;

import java.time.Instant;

/**
 * One logged message of a session: its id, role, speaker, text, when it was said, its 0-based
 * position in the session and its origin ({@code conversation}, or a question put to Engram and
 * its answer).
 */
public record SessionMessage(String id, String role, String speaker, String content,
    Instant createdAt, long sequence, String origin) {}
