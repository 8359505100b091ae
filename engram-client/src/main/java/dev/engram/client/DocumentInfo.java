package dev.engram.client;

import java.time.Instant;

/** A stored document, as listed: id, knowledge base, title, source, media type, chunks, ingest time. */
public record DocumentInfo(String id, String kb, String title, String source, String mediaType,
    int chunkCount, Instant ingestedAt) {}
