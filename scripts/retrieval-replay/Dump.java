import dev.engram.Engram;
import dev.engram.Settings;
import dev.engram.common.Scope;
import dev.engram.eval.BeirDataset;
import dev.engram.index.Filter;
import dev.engram.retrieval.SearchHit;
import dev.engram.retrieval.SearchMode;
import dev.engram.retrieval.SearchRequest;
import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.*;
import org.apache.lucene.util.Bits;

/**
 * Dumps what an {@code engram eval retrieval} index holds, for offline fusion experiments
 * (README "Retrieval, third round"): every knowledge chunk's id, document and vector, each
 * query's vector, the engine's bm25 / dense (900 chunks) and hybrid (300) rankings, and BM25
 * variants (title fields, term pairs) over an in-memory copy of the same chunks.
 *
 * <pre>
 * CP="engram-cli/target/engram-cli.jar:$(ls engram-cli/target/lib/*.jar | tr '\n' ':')"
 * javac -cp "$CP" -d /tmp/replay scripts/retrieval-replay/Dump.java
 * java --add-modules jdk.incubator.vector -cp "/tmp/replay:$CP" Dump DATASET SPLIT DATA/eval/NAME-256 OUT [only|engine]
 * </pre>
 * "only" writes the BM25 variants alone, "engine" the engine's rankings alone.
 */
public class Dump {
  public static void main(String[] a) throws Exception {
    Path dataset = Path.of(a[0]);
    String split = a[1];
    Path evalDir = Path.of(a[2]); // DATA/eval/NAME-CHUNK
    Path out = Path.of(a[3]);
    Files.createDirectories(out);
    BeirDataset ds = BeirDataset.load(dataset, split);
    // 1. chunk records: id, ext id, header, body, vector from the Lucene index.
    List<String> ids = new ArrayList<>(), ext = new ArrayList<>(), heads = new ArrayList<>(), bodies = new ArrayList<>();
    List<float[]> vecs = new ArrayList<>();
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(evalDir.resolve("index").resolve("store")))) {
      for (LeafReaderContext leaf : r.leaves()) {
        LeafReader lr = leaf.reader();
        Bits live = lr.getLiveDocs();
        StoredFields sf = lr.storedFields();
        FloatVectorValues fv = lr.getFloatVectorValues("_vec.knowledge");
        KnnVectorValues.DocIndexIterator it = fv == null ? null : fv.iterator();
        for (int d = 0; d < lr.maxDoc(); d++) {
          if (live != null && !live.get(d)) continue;
          org.apache.lucene.document.Document doc = sf.document(d);
          String text = doc.get("_text.knowledge");
          if (text == null) continue;
          if (it.docID() < d) it.advance(d);
          if (it.docID() != d) throw new IllegalStateException("no vector " + d);
          vecs.add(fv.vectorValue(it.index()).clone());
          ids.add(doc.get("_id"));
          ext.add(doc.get("k.knowledge._id"));
          IndexableField hl = doc.getField("l.knowledge.headerLength");
          int h = hl == null ? 0 : hl.numericValue().intValue();
          heads.add(text.substring(0, h));
          bodies.add(text.substring(h));
        }
      }
    }
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) idx.put(ids.get(i), i);
    int dim = vecs.get(0).length;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("chunks.tsv")))) {
      for (int i = 0; i < ids.size(); i++) w.println(i + "\t" + ids.get(i) + "\t" + ext.get(i) + "\t" + heads.get(i).replace('\n', ' ').replace('\t', ' '));
    }
    writeF32(out.resolve("vecs.f32"), vecs);
    System.err.println("chunks " + ids.size() + " dim " + dim);

    boolean only = a.length > 4;
    List<String> qids = new ArrayList<>(ds.queries().keySet());
    if (!only) engine(ds, evalDir, out, idx, ids, qids);
    if (a.length > 4 && a[4].equals("engine")) { engine(ds, evalDir, out, idx, ids, qids); return; }
    variants(ds, out, ids, heads, bodies, qids, only);
  }

  static void engine(BeirDataset ds, Path evalDir, Path out, Map<String, Integer> idx, List<String> ids, List<String> qids) throws Exception {
    // 2. engine bm25 and dense top 900, query vectors.
    List<float[]> qv = new ArrayList<>();
    Settings settings = Settings.defaults();
    try (Engram e = Engram.builder().dataDirectory(evalDir).settings(settings).readOnly(true).build();
         PrintWriter wb = new PrintWriter(Files.newBufferedWriter(out.resolve("run-bm25.tsv")));
         PrintWriter wd = new PrintWriter(Files.newBufferedWriter(out.resolve("run-dense.tsv")));
         PrintWriter wh = new PrintWriter(Files.newBufferedWriter(out.resolve("run-hybrid.tsv")))) {
      Scope scope = Scope.ofTenant(Scope.DEFAULT_TENANT);
      for (String q : qids) {
        String text = ds.queries().get(q);
        qv.add(e.embedder().embedQuery(text));
        for (var mode : List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID)) {
          int k = mode == SearchMode.HYBRID ? 300 : 900;
          List<SearchHit> hits = e.search(scope, new SearchRequest(text, k, mode, Filter.all(), 900));
          PrintWriter w = mode == SearchMode.BM25 ? wb : mode == SearchMode.DENSE ? wd : wh;
          for (SearchHit h : hits) {
            Integer i = idx.get(dev.engram.knowledge.KnowledgeRecords.key(Scope.DEFAULT_TENANT, h.knowledgeBase(), h.chunkId()));
            if (i == null) throw new IllegalStateException("unknown " + h.chunkId() + " e.g. " + ids.get(0));
            double s = mode == SearchMode.BM25 ? h.scores().bm25() : mode == SearchMode.DENSE ? h.scores().dense() : h.scores().fused();
            w.println(q + "\t" + i + "\t" + s);
          }
        }
      }
    }
    writeF32(out.resolve("qvecs.f32"), qv);
    Files.write(out.resolve("qids.txt"), qids);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("qrels.tsv")))) {
      ds.qrels().forEach((q, m) -> m.forEach((d, g) -> w.println(q + "\t" + d + "\t" + g)));
    }
  }

  static void variants(BeirDataset ds, Path out, List<String> ids, List<String> heads, List<String> bodies, List<String> qids, boolean only) throws Exception {

    // 3. BM25 variants over an in-memory index of the same chunks: all (as now), head, body fields.
    Analyzer an = new EnglishAnalyzer();
    BM25Similarity sim = new BM25Similarity(0.9f, 0.4f);
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig cfg = new IndexWriterConfig(an).setSimilarity(sim);
    try (IndexWriter w = new IndexWriter(dir, cfg)) {
      for (int i = 0; i < ids.size(); i++) {
        org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
        d.add(new StoredField("i", i));
        d.add(new TextField("all", heads.get(i) + bodies.get(i), Field.Store.NO));
        d.add(new TextField("head", heads.get(i), Field.Store.NO));
        d.add(new TextField("body", bodies.get(i), Field.Store.NO));
        d.add(new TextField("rep1", heads.get(i) + heads.get(i) + bodies.get(i), Field.Store.NO));
        d.add(new TextField("rep2", heads.get(i).repeat(3) + bodies.get(i), Field.Store.NO));
        w.addDocument(d);
      }
    }
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      IndexSearcher s = new IndexSearcher(r);
      s.setSimilarity(sim);
      StoredFields sf = s.storedFields();
      Map<String, java.util.function.Function<Map<String, Integer>, Query>> variants = new LinkedHashMap<>();
      Map<String, java.util.function.Function<String, Query>> textVariants = new LinkedHashMap<>();
      for (String f : new String[] {"rep1", "rep2"}) {
        textVariants.put(f, text -> { try { var t = terms(an, text); return t.isEmpty() ? null : sum(t, f, 0, null); } catch (IOException e) { throw new UncheckedIOException(e); } });
      }
      for (int slop : new int[] {1, 8}) for (double wb : new double[] {0.1, 0.25, 0.5}) {
        textVariants.put("sdm" + slop + "-" + wb, text -> sdm(an, text, slop, wb));
      }
      for (float hw : new float[] {1f, 2f}) {
        textVariants.put("cfall" + hw, text -> { try { return cfAll(terms(an, text), hw); } catch (IOException e) { throw new UncheckedIOException(e); } });
      }
      for (var v : textVariants.entrySet()) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("run-" + v.getKey() + ".tsv")))) {
          for (String q : qids) {
            Query qq = v.getValue().apply(ds.queries().get(q));
            if (qq == null) continue;
            for (ScoreDoc sd : s.search(qq, 900).scoreDocs) {
              w.println(q + "\t" + sf.document(sd.doc).getField("i").numericValue().intValue() + "\t" + sd.score);
            }
          }
        }
      }
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("qmax.tsv")))) {
        int nDocs = r.numDocs();
        for (String q : qids) {
          double m = 0;
          for (var t : terms(an, ds.queries().get(q)).entrySet()) {
            long df = r.docFreq(new Term("all", t.getKey()));
            if (df == 0) continue;
            m += t.getValue() * Math.log(1 + (nDocs - df + 0.5) / (df + 0.5));
          }
          w.println(q + "\t" + m);
        }
      }
      if (only) return;
      variants.put("all", t -> sum(t, "all", 0, null));
      for (double b : new double[] {0.25, 0.5, 1.0}) {
        variants.put("all+head" + b, t -> sum(t, "all", b, "head"));
        variants.put("body+head" + b, t -> sum(t, "body", b, "head"));
      }
      for (float b : new float[] {1f, 2f, 3f}) {
        variants.put("bm25f" + b, t -> bm25f(t, b));
      }
      for (var v : variants.entrySet()) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("run-" + v.getKey() + ".tsv")))) {
          for (String q : qids) {
            Map<String, Integer> terms = terms(an, ds.queries().get(q));
            if (terms.isEmpty()) continue;
            for (ScoreDoc sd : s.search(v.getValue().apply(terms), 900).scoreDocs) {
              w.println(q + "\t" + sf.document(sd.doc).getField("i").numericValue().intValue() + "\t" + sd.score);
            }
          }
        }
      }
    }
  }

  static Query sum(Map<String, Integer> terms, String main, double headBoost, String head) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    terms.forEach((t, c) -> {
      b.add(new BoostQuery(new TermQuery(new Term(main, t)), c), Occur.SHOULD);
      if (head != null) b.add(new BoostQuery(new TermQuery(new Term(head, t)), (float) (c * headBoost)), Occur.SHOULD);
    });
    return b.build();
  }

  static Query sdm(Analyzer an, String text, int slop, double wb) {
    List<String> toks = new ArrayList<>();
    List<Integer> pos = new ArrayList<>();
    try (TokenStream ts = an.tokenStream("all", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
      ts.reset();
      int p = -1;
      while (ts.incrementToken()) { p += inc.getPositionIncrement(); toks.add(term.toString()); pos.add(p); }
      ts.end();
    } catch (IOException e) { throw new UncheckedIOException(e); }
    if (toks.isEmpty()) return null;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String t : toks) counts.merge(t, 1, Integer::sum);
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(sum(counts, "all", 0, null), Occur.SHOULD);
    Set<String> seen = new HashSet<>();
    BooleanQuery.Builder pairs = new BooleanQuery.Builder();
    int n = 0;
    for (int i = 0; i + 1 < toks.size(); i++) {
      if (toks.get(i).equals(toks.get(i + 1)) || !seen.add(toks.get(i) + " " + toks.get(i + 1))) continue;
      PhraseQuery.Builder pq = new PhraseQuery.Builder().setSlop(slop);
      pq.add(new Term("all", toks.get(i)), 0);
      pq.add(new Term("all", toks.get(i + 1)), pos.get(i + 1) - pos.get(i));
      pairs.add(pq.build(), Occur.SHOULD);
      n++;
    }
    if (n > 0) b.add(new BoostQuery(pairs.build(), (float) wb), Occur.SHOULD);
    return b.build();
  }

  static Query cfAll(Map<String, Integer> terms, float headWeight) {
    if (terms.isEmpty()) return null;
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    terms.forEach((t, c) -> {
      Query q = new CombinedFieldQuery.Builder(t).addField("all", 1f).addField("head", headWeight).build();
      b.add(c == 1 ? q : new BoostQuery(q, c), Occur.SHOULD);
    });
    return b.build();
  }

  static Query bm25f(Map<String, Integer> terms, float headWeight) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    terms.forEach((t, c) -> {
      Query q = new CombinedFieldQuery.Builder(t).addField("body", 1f).addField("head", headWeight).build();
      b.add(new BoostQuery(q, c), Occur.SHOULD);
    });
    return b.build();
  }

  static Map<String, Integer> terms(Analyzer an, String text) throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (TokenStream ts = an.tokenStream("all", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) counts.merge(term.toString(), 1, Integer::sum);
      ts.end();
    }
    return counts;
  }

  static void writeF32(Path p, List<float[]> vs) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(vs.size() * vs.get(0).length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vs) for (float f : v) bb.putFloat(f);
    Files.write(p, bb.array());
  }
}
