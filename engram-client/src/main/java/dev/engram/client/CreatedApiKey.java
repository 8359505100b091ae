package dev.engram.client;

import java.time.Instant;

/** A new tenant key; {@code key} is the secret, shown only in this reply. */
public record CreatedApiKey(String id, String key, String tenant, String name, Instant createdAt) {}
