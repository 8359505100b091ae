package dev.engram.client;

/** The server's reply to {@code /health} or {@code /ready}: {@code ok} or {@code ready}. */
public record Health(String status) {}
