package dev.engram.client;

import java.time.Instant;

/** A tenant key as the admin lists it: never its secret. */
public record ApiKeyInfo(String id, String tenant, String name, Instant createdAt) {}
