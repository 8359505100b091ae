package dev.engram.knowledge;

import dev.engram.common.Checks;
import dev.engram.common.InvalidInputException;
import dev.engram.embed.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document into chunks that never cross a section boundary and whose embedded text,
 * {@linkplain ChunkHeader header} and text together, has at most {@code maxTokens} tokens: the
 * header counts in the budget, so what the embedder reads is never longer than the chunk size
 * (which may not exceed the embedder's window). A header longer than half the budget is
 * shortened. Within a section it packs whole paragraphs (blank-line separated); a paragraph too
 * large is split at sentence boundaries, a sentence too large at word boundaries, and a single
 * word too large at character boundaries (each piece then a chunk of its own). When a section
 * needs several chunks, each next chunk starts with the last sentences of the previous one, at
 * most {@code overlapTokens}.
 *
 * <p>Chunk offsets are exact: {@code doc.text().substring(c.start(), c.end()).equals(c.text())},
 * and chunks have no leading or trailing whitespace. Token counts are taken per paragraph and
 * per sentence and summed (each character is counted once), which is exact for tokenizers that
 * split on whitespace first (WordPiece) and close for BPE. Instances are immutable and thread-safe.
 */
public final class Chunker {
  /** The default chunk size in tokens. */
  public static final int DEFAULT_MAX_TOKENS = 256;

  /** The default overlap between consecutive chunks of one section, in tokens. */
  public static final int DEFAULT_OVERLAP_TOKENS = 32;

  /** Error code: the chunk size is larger than the embedder's window. */
  public static final String OVER_WINDOW = "ENGRAM-110";

  private final TokenCounter counter;
  private final int maxTokens;
  private final int overlapTokens;

  /** A chunker with the default size (256 tokens) and overlap (32 tokens). */
  public Chunker(TokenCounter counter) {
    this(counter, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
  }

  /** A chunker for an embedder without a known window. */
  public Chunker(TokenCounter counter, int maxTokens, int overlapTokens) {
    this(counter, maxTokens, overlapTokens, Integer.MAX_VALUE);
  }

  /**
   * A chunker for an embedder that reads at most {@code windowTokens} tokens of a text (see
   * {@link dev.engram.embed.Embedder#maxTokens()}).
   *
   * @throws InvalidInputException ENGRAM-110 when {@code maxTokens} is over the window
   */
  public Chunker(TokenCounter counter, int maxTokens, int overlapTokens, int windowTokens) {
    if (maxTokens > windowTokens) {
      throw new InvalidInputException(OVER_WINDOW, "a chunk size of " + maxTokens
          + " tokens is over the embedder's window of " + windowTokens + " tokens, which would"
          + " cut chunks: use --chunk-tokens " + windowTokens + " or less");
    }
    this.counter = Checks.notNull(counter, "counter");
    this.maxTokens = Checks.atLeast(maxTokens, 1, "maxTokens");
    this.overlapTokens = Checks.atLeast(overlapTokens, 0, "overlapTokens");
    if (overlapTokens >= maxTokens) {
      throw new IllegalArgumentException("overlapTokens must be < maxTokens (" + maxTokens
          + "), got: " + overlapTokens);
    }
  }

  public int maxTokens() {
    return maxTokens;
  }

  public int overlapTokens() {
    return overlapTokens;
  }

  /**
   * The settings that shape chunks, as a string the ingest mixes into its content hashes, so a
   * change of chunk size or overlap re-chunks unchanged files. Empty for the defaults (256/32):
   * hashes then stay those of indexes built before the settings were hashed.
   */
  public String settingsKey() {
    return maxTokens == DEFAULT_MAX_TOKENS && overlapTokens == DEFAULT_OVERLAP_TOKENS
        ? ""
        : "chunker:maxTokens=" + maxTokens + ",overlapTokens=" + overlapTokens;
  }

  /** The chunks of {@code doc}, in document order, with ordinals 0..n-1. */
  public List<Chunk> chunk(Document doc) {
    Run run = new Run(doc);
    for (Section region : regions(doc)) {
      run.region(region);
    }
    return List.copyOf(run.chunks);
  }

  /** The document's sections, with the gaps between them filled by sections with no path. */
  private static List<Section> regions(Document doc) {
    int length = doc.text().length();
    List<Section> sections = new ArrayList<>(doc.sections());
    sections.sort(Comparator.comparingInt(Section::start));
    List<Section> regions = new ArrayList<>();
    int at = 0;
    for (Section s : sections) {
      if (s.end() > length) {
        throw new IllegalArgumentException("section " + s.path() + " [" + s.start() + ", "
            + s.end() + ") ends past the text of document " + doc.id() + " (" + length + ")");
      }
      int start = Math.max(s.start(), at);
      if (start > at) {
        regions.add(new Section(at, start, List.of()));
      }
      if (s.end() > start) {
        regions.add(new Section(start, s.end(), s.path()));
        at = s.end();
      }
    }
    if (at < length) {
      regions.add(new Section(at, length, List.of()));
    }
    return regions;
  }

  /**
   * A trimmed span of the text with its token count; a paragraph also lists its sentences, and
   * its count is theirs summed, so each character is counted once.
   */
  private record Span(int start, int end, int tokens, List<Span> sentences) {
    Span(int start, int end, int tokens) {
      this(start, end, tokens, List.of());
    }
  }

  /** The state of chunking one document. */
  private final class Run {
    private final Document doc;
    private final String text;
    private final List<Chunk> chunks = new ArrayList<>();
    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);

    Run(Document doc) {
      this.doc = doc;
      this.text = doc.text();
    }

    /** The header of the region's chunks and the tokens left for their text. */
    private String header = "";
    private int budget;

    void region(Section region) {
      header = ChunkHeader.fit(ChunkHeader.of(doc, region.path()), maxTokens / 2, counter);
      budget = maxTokens - (header.isEmpty() ? 0 : counter.count(header));
      List<Span> current = new ArrayList<>();
      int tokens = 0;
      for (Span segment : segments(region.start(), region.end())) {
        if (!current.isEmpty() && tokens + segment.tokens() > budget) {
          emit(current, region.path());
          current = overlap(current, Math.min(overlapTokens, budget - segment.tokens()));
          tokens = current.stream().mapToInt(Span::tokens).sum();
        }
        current.add(segment);
        tokens += segment.tokens();
      }
      if (!current.isEmpty()) {
        emit(current, region.path());
      }
    }

    /** Paragraphs that fit, else their sentences that fit, else word runs. */
    private List<Span> segments(int from, int to) {
      List<Span> segments = new ArrayList<>();
      for (Span paragraph : paragraphs(from, to)) {
        if (paragraph.tokens() <= budget) {
          segments.add(paragraph);
          continue;
        }
        for (Span sentence : paragraph.sentences()) {
          if (sentence.tokens() <= budget) {
            segments.add(sentence);
          } else {
            segments.addAll(words(sentence));
          }
        }
      }
      return segments;
    }

    /** Blank-line separated paragraphs of [from, to), trimmed and counted. */
    private List<Span> paragraphs(int from, int to) {
      List<Span> paragraphs = new ArrayList<>();
      int start = -1;
      int lastEnd = from;
      int line = from;
      while (line < to) {
        int newline = text.indexOf('\n', line);
        int lineEnd = newline < 0 || newline >= to ? to : newline;
        if (isBlank(line, lineEnd)) {
          if (start >= 0) {
            addParagraph(paragraphs, start, lastEnd);
            start = -1;
          }
        } else {
          if (start < 0) {
            start = line;
          }
          lastEnd = lineEnd;
        }
        line = lineEnd + 1;
      }
      if (start >= 0) {
        addParagraph(paragraphs, start, lastEnd);
      }
      return paragraphs;
    }

    private void addParagraph(List<Span> into, int from, int to) {
      List<Span> parts = new ArrayList<>();
      sentences.setText(text.substring(from, to));
      int start = sentences.first();
      int tokens = 0;
      for (int end = sentences.next(); end != BreakIterator.DONE; end = sentences.next()) {
        Span sentence = trimmed(from + start, from + end);
        if (sentence != null) {
          parts.add(sentence);
          tokens += sentence.tokens();
        }
        start = end;
      }
      if (!parts.isEmpty()) {
        into.add(new Span(parts.getFirst().start(), parts.getLast().end(), tokens, parts));
      }
    }

    /** Greedy runs of whole words that fit the budget; a longer single word is cut in pieces. */
    private List<Span> words(Span sentence) {
      List<Span> runs = new ArrayList<>();
      int runStart = -1;
      int runEnd = -1;
      int runTokens = 0;
      int i = sentence.start();
      while (i < sentence.end()) {
        while (i < sentence.end() && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        int wordStart = i;
        while (i < sentence.end() && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (wordStart == i) {
          break;
        }
        int wordTokens = counter.count(text.substring(wordStart, i));
        if (wordTokens > budget) {
          if (runStart >= 0) {
            runs.add(new Span(runStart, runEnd, runTokens));
            runStart = -1;
            runTokens = 0;
          }
          runs.addAll(pieces(wordStart, i));
          continue;
        }
        if (runStart >= 0 && runTokens + wordTokens > budget) {
          runs.add(new Span(runStart, runEnd, runTokens));
          runStart = -1;
          runTokens = 0;
        }
        if (runStart < 0) {
          runStart = wordStart;
        }
        runEnd = i;
        runTokens += wordTokens;
      }
      if (runStart >= 0) {
        runs.add(new Span(runStart, runEnd, runTokens));
      }
      return runs;
    }

    /**
     * A word too long for the budget, cut at character boundaries into the longest pieces that
     * fit. Each piece is given the whole budget as its count, so it becomes a chunk of its own and
     * is never part of an overlap: pieces of one word are not counted together, since a word
     * split in two may tokenize differently from the whole.
     */
    private List<Span> pieces(int from, int to) {
      List<Span> pieces = new ArrayList<>();
      int start = from;
      while (start < to) {
        int low = start + 1; // one character always goes, even if it alone is over the budget
        int high = to;
        while (low < high) {
          int mid = (low + high + 1) >>> 1;
          if (counter.count(text.substring(start, mid)) <= budget) {
            low = mid;
          } else {
            high = mid - 1;
          }
        }
        int end = low < to && Character.isHighSurrogate(text.charAt(low - 1)) ? low + 1 : low;
        pieces.add(new Span(start, end, budget));
        start = end;
      }
      return pieces;
    }

    /** The trailing sentences of {@code previous} that total at most {@code budget} tokens. */
    private List<Span> overlap(List<Span> previous, int budget) {
      List<Span> tail = new ArrayList<>();
      if (budget <= 0) {
        return tail;
      }
      int tokens = 0;
      for (int i = previous.size() - 1; i >= 0; i--) {
        Span span = previous.get(i);
        List<Span> parts = span.sentences().isEmpty() ? List.of(span) : span.sentences();
        for (int j = parts.size() - 1; j >= 0; j--) {
          Span part = parts.get(j);
          if (tokens + part.tokens() > budget) {
            return tail.reversed();
          }
          tail.add(part);
          tokens += part.tokens();
        }
      }
      return tail.reversed();
    }

    /** The span [start, end) without its edge whitespace and counted; null if blank. */
    private Span trimmed(int start, int end) {
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      return end > start ? new Span(start, end, counter.count(text.substring(start, end))) : null;
    }

    private boolean isBlank(int from, int to) {
      for (int i = from; i < to; i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private void emit(List<Span> spans, List<String> path) {
      int start = spans.getFirst().start();
      int end = spans.getLast().end();
      chunks.add(new Chunk(doc.id(), chunks.size(), text.substring(start, end), start, end, path,
          pageAt(start), header));
    }

    /** The number of the last page starting at or before {@code offset}; 0 if unpaged. */
    private int pageAt(int offset) {
      List<Page> pages = doc.pages();
      if (pages.isEmpty()) {
        return 0;
      }
      int low = 0;
      int high = pages.size() - 1;
      int found = 0;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (pages.get(mid).start() <= offset) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return pages.get(found).number();
    }
  }
}
