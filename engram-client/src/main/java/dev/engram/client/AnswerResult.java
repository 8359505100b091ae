package dev.engram.client;

import java.util.List;
import java.util.Map;

/**
 * An answer: its text, whether a model generated it (else extractive), the citations and memories
 * used, the route, the ids of the remembered turn, token counts and timings.
 */
public record AnswerResult(String question, String text, boolean generated, List<Citation> citations,
    List<Citation> memoriesUsed, String route, String reason, List<String> rememberedIds,
    Map<String, Integer> tokens, Map<String, Long> timingsMs) {}
