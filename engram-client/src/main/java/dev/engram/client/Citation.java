package dev.engram.client;

import java.util.List;

/** A numbered citation: a document chunk ({@code chunk}) or a memory, with its text and span. */
public record Citation(int number, String kind, String id, String title, String text, int start,
    int end, List<String> provenance) {}
