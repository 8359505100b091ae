package dev.engram.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, the one hash Engram uses for content hashes, ids and cache keys. */
public final class Hashes {
  private Hashes() {}

  /** A new SHA-256 digest, for hashing in parts ({@code update}, then {@code digest}). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text} (32 bytes). */
  public static byte[] sha256(String text) {
    return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }
}
