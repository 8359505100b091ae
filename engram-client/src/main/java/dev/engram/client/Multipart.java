package dev.engram.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A {@code multipart/form-data} body: form fields and one file part named {@code file}. */
record Multipart(String boundary, byte[] body) {
  static Multipart of(Map<String, String> fields, Path file) {
    String boundary = "engram-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach((name, value) -> write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + value + "\r\n"));
    String filename = file.getFileName().toString().replace("\"", "%22").replace("\r", "").replace("\n", "");
    write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    try {
      out.write(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    write(out, "\r\n--" + boundary + "--\r\n");
    return new Multipart(boundary, out.toByteArray());
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
