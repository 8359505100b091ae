package dev.engram.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.Engram;
import dev.engram.common.Hashes;
import dev.engram.common.Scope;
import dev.engram.knowledge.IngestListener;
import dev.engram.knowledge.IngestOptions;
import dev.engram.memory.model.Memory;
import dev.engram.memory.model.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasing a user, proven by reading what is stored rather than grepping (Lucene compresses
 * stored text): every stored field of every document of the index, and every key of the
 * embedding cache, hold none of the user's texts nor their hashes; other users' and the
 * knowledge's cache entries stay. Real Lucene on disk, the real embedder.
 */
class EraseEverywhereIT {
  private static final Instant T = Instant.parse("2024-02-01T10:00:00Z");
  private static final List<String> VICTIM_SAID = List.of(
      "My locker number is 8841 at the Quillfeather gym.",
      "I live in Marrowdale and I love kayaking.",
      "My sister Oriella works as a glassblower.");
  private static final List<String> VICTIM_ASKED = List.of(
      "What is my locker number?", "How long is the warranty?");

  @TempDir Path dir;

  @Test
  void should_leave_no_text_or_hash_of_the_user_in_stored_fields_or_cache_keys_when_erased() throws Exception {
    Path data = dir.resolve("data");
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.writeString(kb.resolve("warranty.md"), "# Warranty\n\nThe warranty lasts two years from purchase."
        + " Returns are accepted within thirty days.\n");
    Scope victim = Scope.ofUser("victim").withSession("s1");
    Scope keeper = Scope.ofUser("keeper").withSession("k1");
    Set<String> victimTexts = new LinkedHashSet<>();
    Set<String> before;
    Set<String> legacy;
    String model;
    try (Engram engram = Engram.builder().dataDirectory(data)
        .clock(Clock.fixed(T.plusSeconds(3_600), ZoneOffset.UTC)).build()) {
      model = engram.embedder().space().model();
      engram.ingest(Scope.ofTenant(Scope.DEFAULT_TENANT), List.of(kb), IngestOptions.defaults(), IngestListener.NONE);
      engram.memories().remember(keeper, List.of(Message.of("Kim", "I keep bees on my roof.", T)));
      engram.answer(keeper, "Within how many days are returns accepted?");
      before = keys(data.resolve("embedding-cache.bin"));

      for (String text : VICTIM_SAID) {
        engram.memories().remember(victim, List.of(Message.of("Vic", text, T)));
        victimTexts.add(text);
        victimTexts.add("Vic: " + text);
      }
      for (String q : VICTIM_ASKED) {
        victimTexts.add(q);
        // An answer repeats document sentences, which stay cached: its own form is the user's.
        engram.answer(victim, q).rememberedIds().forEach(id -> engram.memories()
            .messages(victim, List.of(id)).forEach(e -> victimTexts.add(e.speaker() + ": " + e.text())));
      }
      for (Memory m : engram.memories().list(victim.withoutSession(), true)) {
        victimTexts.add(m.text());
      }
      // A cache file written before users' words were kept out of it holds them too.
      List<String> old = new ArrayList<>(VICTIM_SAID);
      old.add("Vic: " + VICTIM_SAID.getFirst());
      engram.embedder().embedDocuments(old);
      legacy = new LinkedHashSet<>(old);
      Set<String> withVictim = keys(data.resolve("embedding-cache.bin"));
      for (String text : legacy) {
        assertThat(withVictim).as("the control: the old file holds %s", text).contains(key(model, text));
      }

      engram.memories().erase(Scope.ofUser("victim"));
    }

    Set<String> after = keys(data.resolve("embedding-cache.bin"));
    for (String text : victimTexts) {
      assertThat(after).as("cache key of %s", text).doesNotContain(key(model, text));
    }
    // Only a text the user also said goes, when the knowledge or the router's examples have it
    // too ("How long is the warranty?"): it is embedded again once, the rest is not.
    Set<String> kept = new LinkedHashSet<>(before);
    victimTexts.forEach(t -> kept.remove(key(model, t)));
    assertThat(kept.size()).isGreaterThan(before.size() - 3);
    assertThat(after).as("the knowledge's and the keeper's vectors stay").containsAll(kept);

    List<String> needles = new ArrayList<>();
    for (String text : victimTexts) {
      needles.add(text.toLowerCase(Locale.ROOT));
      needles.add(HexFormat.of().formatHex(sha256(text)));
    }
    needles.addAll(List.of("victim", "quillfeather", "marrowdale", "oriella", "8841"));
    int documents = 0;
    boolean keeperFound = false;
    try (FSDirectory fs = FSDirectory.open(data.resolve("index").resolve("store"));
        DirectoryReader reader = DirectoryReader.open(fs)) {
      assertThat(reader.numDeletedDocs()).as("deleted documents are purged").isZero();
      StoredFields stored = reader.storedFields();
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        Document d = stored.document(doc);
        for (IndexableField f : d.getFields()) {
          String value = value(f).toLowerCase(Locale.ROOT);
          keeperFound |= value.contains("bees");
          for (String needle : needles) {
            assertThat(value).as("stored field %s of document %d", f.name(), doc).doesNotContain(needle);
          }
        }
        documents++;
      }
    }
    assertThat(documents).isPositive();
    assertThat(keeperFound).as("the control: the keeper's words are read back").isTrue();
    try (var files = Files.walk(data)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no writer record (it holds command lines) nor temporary cache file is left")
          .doesNotContain("writer.pid", "embedding-cache.bin.tmp");
    }
  }

  private static String value(IndexableField f) {
    if (f.stringValue() != null) {
      return f.stringValue();
    }
    BytesRef b = f.binaryValue();
    if (b != null) {
      return new String(b.bytes, b.offset, b.length, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(f.numericValue());
  }

  /** Every key of the cache file, hex: records are a 16-byte key and 384 floats. */
  private static Set<String> keys(Path cache) throws Exception {
    byte[] bytes = Files.readAllBytes(cache);
    int record = 16 + 4 * 384;
    assertThat(bytes.length % record).isZero();
    Set<String> out = new LinkedHashSet<>();
    for (int at = 0; at < bytes.length; at += record) {
      out.add(HexFormat.of().formatHex(bytes, at, at + 16));
    }
    return out;
  }

  /** The cache's key of {@code text}: SHA-256 of the model name, a zero byte and the text. */
  private static String key(String model, String text) {
    MessageDigest sha = Hashes.sha256();
    sha.update(model.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] d = sha.digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(ByteBuffer.wrap(d, 0, 16).array(), 0, 16);
  }

  private static byte[] sha256(String text) {
    return Hashes.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }
}
