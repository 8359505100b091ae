package dev.engram.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One recalled memory: its id, text, kind ({@code fact}, {@code preference}, ..., or {@code
 * episode} for past messages), score, validity and the message ids it came from.
 */
public record Recollection(String id, String text, String kind, double score, Instant validFrom,
    Optional<Instant> validTo, List<String> provenance) {
  public Recollection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(validTo, "validTo");
    provenance = List.copyOf(provenance);
  }
}
