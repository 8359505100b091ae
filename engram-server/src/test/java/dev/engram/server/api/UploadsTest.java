package dev.engram.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadsTest {
  @Test
  void should_keep_only_the_last_segment_of_a_client_file_name() {
    assertThat(Uploads.safeName("../../etc/passwd.txt")).isEqualTo("passwd.txt");
    assertThat(Uploads.safeName("C:\\Users\\ann\\notes.md")).isEqualTo("notes.md");
    assertThat(Uploads.safeName("/abs/path/guide.html")).isEqualTo("guide.html");
  }

  @Test
  void should_replace_unsafe_characters_and_name_an_unnamed_upload() {
    assertThat(Uploads.safeName("a\u0000b;rm -rf$.txt")).isEqualTo("a_b_rm -rf_.txt");
    assertThat(Uploads.safeName("Überblick 東京.md")).isEqualTo("Überblick 東京.md");
    assertThat(Uploads.safeName(null)).isEqualTo("upload.txt");
    assertThat(Uploads.safeName("..")).isEqualTo("upload.txt");
    assertThat(Uploads.safeName("dir/")).isEqualTo("upload.txt");
  }

  @Test
  void should_keep_the_extension_of_a_very_long_name() {
    assertThat(Uploads.safeName("x".repeat(500) + ".pdf")).hasSize(200).endsWith(".pdf");
  }
}
