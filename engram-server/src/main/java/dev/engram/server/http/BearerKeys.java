package dev.engram.server.http;

import dev.engram.server.auth.ApiKeys;
import dev.engram.server.auth.Caller;
import java.util.function.Consumer;

/**
 * Reads the caller from an {@code Authorization: Bearer KEY} header: the one rule of the REST
 * routes and of {@code /mcp}, so that both accept and refuse the same keys with the same errors.
 */
public final class BearerKeys {
  private BearerKeys() {}

  /**
   * The caller whose key {@code header} carries.
   *
   * @param header the Authorization header, or null when none was sent
   * @param challenge receives the {@code WWW-Authenticate} value to answer a refusal with
   * @throws ApiException 401 with no usable header, or an unknown or revoked key
   */
  public static Caller caller(ApiKeys keys, String header, Consumer<String> challenge) {
    if (header == null || header.isBlank()) {
      challenge.accept("Bearer");
      throw new ApiException(401, ErrorCodes.NO_KEY,
          "this route needs an API key: send 'Authorization: Bearer KEY'");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      challenge.accept("Bearer");
      throw new ApiException(401, ErrorCodes.NO_KEY,
          "the Authorization header must be 'Bearer KEY'");
    }
    try {
      return keys.authenticate(header.substring(7).strip());
    } catch (ApiException e) {
      challenge.accept("Bearer error=\"invalid_token\"");
      throw e;
    }
  }
}
