package dev.engram.memory.store;

import dev.engram.index.Collection;
import dev.engram.index.Filter;
import dev.engram.index.Index;
import dev.engram.index.IndexRecord;
import dev.engram.index.WriteBatch;
import dev.engram.memory.model.Episode;
import dev.engram.memory.model.Origin;
import dev.engram.common.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The episode log: every remembered message verbatim, indexed for BM25 with its date and speaker
 * ("[8 May 2023] Caroline: I went ...") so that questions naming a person or a time find it.
 */
public final class EpisodeLog {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final Collection episodes;
  private final ZoneId zone;

  public EpisodeLog(Index index, ZoneId zone) {
    this.episodes = index.collection(Fields.EPISODES);
    this.zone = zone;
  }

  /** The collection, for searches. */
  public Collection collection() {
    return episodes;
  }

  /** The next free sequence number of the session of {@code scope} (0 for a new session). */
  public long nextSequence(Scope scope) {
    return episodes.count(Fields.of(scope));
  }

  /** The text indexed for an episode: date and speaker, then the message verbatim. */
  public String indexedText(Episode e) {
    return "[" + DAY.format(e.eventTime().atZone(zone)) + "] " + e.speaker() + ": " + e.text();
  }

  /** Adds {@code episodes} with their vectors to a write batch. */
  public void stage(WriteBatch.Builder write, List<Episode> batch, List<float[]> vectors) {
    List<IndexRecord> records = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      records.add(toRecord(batch.get(i), vectors.get(i)));
    }
    write.upsert(Fields.EPISODES, records);
  }

  /**
   * Adds to a write batch the emptying of a message whose every word was forgotten: the record
   * keeps its scope, time and place in the session, with no text and no vector.
   */
  public void stageEmptied(WriteBatch.Builder write, Episode e) {
    Map<String, List<String>> k = new HashMap<>(Fields.scopeKeywords(e.scope()));
    k.put(Fields.EMPTIED, List.of("true"));
    write.upsert(Fields.EPISODES, List.of(new IndexRecord(e.id(), "", new float[0], k,
        Map.of(Fields.EVENT_TIME, e.eventTime().toEpochMilli(),
            Fields.INGEST_TIME, e.ingestTime().toEpochMilli(),
            Fields.SEQUENCE, e.sequence()))));
  }

  /** How many messages {@code scope} holds, emptied ones not counted. */
  public int count(Scope scope) {
    Filter f = Fields.of(scope);
    return episodes.count(f) - episodes.count(f.and(Fields.EMPTIED, "true"));
  }

  /** The episode with this id, if it is in {@code scope} (and not emptied). */
  public Optional<Episode> get(Scope scope, String id) {
    return episodes.get(id).filter(r -> Fields.inScope(r, scope)).filter(EpisodeLog::holdsText)
        .map(EpisodeLog::fromRecord);
  }

  private static boolean holdsText(IndexRecord r) {
    return r.keyword(Fields.EMPTIED).isEmpty();
  }

  /** The episodes of a session with sequence numbers in [from, to], in order. */
  public List<Episode> range(Scope sessionScope, long from, long to) {
    Filter f = Fields.of(sessionScope).andRange(Fields.SEQUENCE, from, to);
    return episodes.list(f, (int) (to - from + 1)).stream()
        .filter(EpisodeLog::holdsText)
        .map(EpisodeLog::fromRecord)
        .sorted(java.util.Comparator.comparingLong(Episode::sequence))
        .toList();
  }

  /** The episodes of {@code scope}, at most {@code limit}. */
  public List<Episode> list(Scope scope, int limit) {
    return episodes.list(Fields.of(scope), limit).stream().filter(EpisodeLog::holdsText)
        .map(EpisodeLog::fromRecord).toList();
  }

  IndexRecord toRecord(Episode e, float[] vector) {
    Map<String, List<String>> k = new HashMap<>(Fields.scopeKeywords(e.scope()));
    k.put(Fields.ROLE, List.of(e.role()));
    k.put(Fields.SPEAKER, List.of(e.speaker()));
    if (e.origin() != Origin.CONVERSATION) {
      k.put(Fields.ORIGIN, List.of(e.origin().label()));
    }
    String text = indexedText(e);
    return new IndexRecord(e.id(), text, vector, k,
        Map.of(Fields.EVENT_TIME, e.eventTime().toEpochMilli(),
            Fields.INGEST_TIME, e.ingestTime().toEpochMilli(),
            Fields.SEQUENCE, e.sequence(),
            Fields.TEXT_START, (long) (text.length() - e.text().length())));
  }

  /** The episode stored in {@code r}. */
  public static Episode fromRecord(IndexRecord r) {
    int start = r.longValue(Fields.TEXT_START).orElse(0L).intValue();
    return new Episode(r.id(), Fields.scopeOf(r), r.keyword(Fields.ROLE).orElse("user"),
        r.keyword(Fields.SPEAKER).orElse("user"), r.text().substring(start),
        Instant.ofEpochMilli(r.longValue(Fields.EVENT_TIME).orElse(0L)),
        Instant.ofEpochMilli(r.longValue(Fields.INGEST_TIME).orElse(0L)),
        r.longValue(Fields.SEQUENCE).orElse(0L),
        r.keyword(Fields.ORIGIN).map(Origin::fromLabel).orElse(Origin.CONVERSATION));
  }
}
