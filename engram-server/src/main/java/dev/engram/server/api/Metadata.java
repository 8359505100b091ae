package dev.engram.server.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.engram.server.http.ApiException;
import dev.engram.server.http.ErrorCodes;
import dev.engram.server.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata and filters: a JSON object of scalar values (strings, numbers, booleans), kept as
 * strings, as the index stores them. A nested object or array is refused with the key named.
 */
final class Metadata {
  private Metadata() {}

  static Map<String, String> of(Optional<Map<String, Object>> object) {
    Map<String, String> out = new LinkedHashMap<>();
    object.orElse(Map.of()).forEach((key, value) -> {
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw ApiException.badField(ErrorCodes.BAD_FIELD, key, "'" + key
            + "' must be a string, number or boolean; nested objects and arrays are not stored");
      }
      out.put(key, value.toString());
    });
    return out;
  }

  /** The {@code metadata} form field of an upload: a JSON object, when given. */
  static Map<String, String> parse(Optional<String> json) {
    if (json.isEmpty()) {
      return Map.of();
    }
    try {
      return of(Optional.of(Json.mapper().readValue(json.get(), new TypeReference<>() {})));
    } catch (JacksonException e) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, "metadata",
          "form field 'metadata' must be a JSON object of scalar values");
    }
  }
}
