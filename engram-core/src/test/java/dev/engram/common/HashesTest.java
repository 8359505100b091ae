package dev.engram.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashesTest {
  @Test
  void should_match_the_published_digest_when_hashing_abc() {
    // FIPS 180-2, appendix B.1
    assertThat(HexFormat.of().formatHex(Hashes.sha256("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void should_match_the_published_digest_when_hashing_nothing() {
    assertThat(HexFormat.of().formatHex(Hashes.sha256("")))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void should_hash_the_utf8_bytes_when_the_text_is_not_ascii() {
    assertThat(Hashes.sha256("Zürich"))
        .isEqualTo(Hashes.sha256().digest("Zürich".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void should_give_the_same_digest_when_hashing_in_parts() {
    MessageDigest parts = Hashes.sha256();
    parts.update("ab".getBytes(StandardCharsets.UTF_8));
    parts.update("c".getBytes(StandardCharsets.UTF_8));
    assertThat(parts.digest()).isEqualTo(Hashes.sha256("abc"));
  }

  @Test
  void should_start_afresh_when_asked_for_another_digest() {
    Hashes.sha256().update((byte) 1);
    assertThat(Hashes.sha256().digest()).isEqualTo(Hashes.sha256(""));
  }
}
