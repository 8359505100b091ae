package dev.engram.client;

import com.fasterxml.jackson.annotation.JsonAlias;

/** The reply to a delete (of a document or a memory) or a key revocation: the id and whether it is gone. */
public record Deleted(String id, @JsonAlias("revoked") boolean deleted) {}
