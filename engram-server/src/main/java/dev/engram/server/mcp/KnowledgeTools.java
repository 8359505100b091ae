package dev.engram.server.mcp;

import dev.engram.knowledge.DocumentWriter;
import dev.engram.server.api.BlendApi;
import dev.engram.server.api.KnowledgeApi;
import dev.engram.server.http.Call;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The knowledge tools ({@code search_knowledge}, {@code add_document}) and the blend ({@code
 * get_context}): each parses its arguments into the REST twin's body and runs the same operation.
 */
final class KnowledgeTools {
  private KnowledgeTools() {}

  record SearchArgs(Optional<String> query, Optional<Integer> topK, Optional<List<String>> kb) {}

  record AddArgs(Optional<String> text, Optional<String> title, Optional<String> source,
      Optional<String> kb) {}

  record ContextArgs(Optional<String> userId, Optional<String> question, Optional<String> sessionId) {}

  static List<EngramTool> all(Apis apis) {
    return List.of(search(apis.knowledge()), add(apis.knowledge()), context(apis.blend()));
  }

  private static EngramTool search(KnowledgeApi knowledge) {
    return new EngramTool("search_knowledge", "Search knowledge",
        "Search the documents in Engram's knowledge bases (hybrid BM25 + vector search) and return"
            + " the best passages, each with its document id, title, character span and scores."
            + " Use it for facts that documents hold; quote the passages you rely on.",
        """
        {"type":"object","additionalProperties":false,"required":["query"],"properties":{
          "query":{"type":"string","minLength":1,"description":"What to look for, in natural language or keywords."},
          "top_k":{"type":"integer","minimum":1,"maximum":100,"default":10,"description":"How many passages to return."},
          "kb":{"type":"array","items":{"type":"string"},"description":"Knowledge bases to search (default: [\\"default\\"])."}}}
        """, true, false, (tenant, arguments) -> {
          SearchArgs a = ToolResults.arguments(arguments, SearchArgs.class);
          var results = knowledge.search(tenant, new KnowledgeApi.SearchBody(a.query(), a.topK(),
              Optional.empty(), a.kb(), Optional.empty()));
          StringBuilder text = new StringBuilder(results.results().isEmpty()
              ? "No passage matches." : ToolResults.count(results.results().size(), "passage") + ":");
          int n = 1;
          for (KnowledgeApi.Hit h : results.results()) {
            text.append(String.format(Locale.ROOT, "%n[%d] %s (document %s, kb %s, chars %d-%d, score %.3f)%n%s",
                n++, h.title().isBlank() ? h.source() : h.title(), h.documentId(), h.kb(), h.start(),
                h.end(), h.scores().fused(), h.text()));
          }
          return ToolResults.ok(text.toString(), results);
        });
  }

  private static EngramTool add(KnowledgeApi knowledge) {
    return new EngramTool("add_document", "Add a document",
        "Add a text document to a knowledge base: it is chunked, embedded and searchable at once."
            + " Adding again with the same source replaces that document (unchanged text costs"
            + " nothing). Returns the document id to cite or delete it later.",
        """
        {"type":"object","additionalProperties":false,"required":["text"],"properties":{
          "text":{"type":"string","minLength":1,"description":"The document's full text (plain text or Markdown)."},
          "title":{"type":"string","description":"A title shown with search results."},
          "source":{"type":"string","description":"Where it comes from (a path or URL); the same source names the same document."},
          "kb":{"type":"string","description":"The knowledge base to add it to (default: \\"default\\")."}}}
        """, false, false, (tenant, arguments) -> {
          AddArgs a = ToolResults.arguments(arguments, AddArgs.class);
          KnowledgeApi.Added added = knowledge.add(tenant, new KnowledgeApi.AddDocument(
              Optional.empty(), a.text(), a.title(), a.source(), a.kb(), Optional.empty()));
          DocumentWriter.Written w = added.documents().getFirst();
          return ToolResults.ok(String.format(Locale.ROOT, "Document %s %s in knowledge base %s (%d chunks).",
              w.id(), w.status(), w.kb(), w.chunks()), added);
        });
  }

  private static EngramTool context(BlendApi blend) {
    return new EngramTool("get_context", "Get context for a question",
        "Build the context to answer a user's question: the relevant knowledge passages, the"
            + " user's memories and recent turns of the session, within a token budget, with"
            + " numbered citations. Put the returned text in your prompt and cite [n] as it does.",
        """
        {"type":"object","additionalProperties":false,"required":["user_id","question"],"properties":{
          "user_id":{"type":"string","minLength":1,"description":"Whose memories to include."},
          "question":{"type":"string","minLength":1,"description":"The question to build the context for."},
          "session_id":{"type":"string","description":"The conversation, for its recent turns."}}}
        """, true, false, (tenant, arguments) -> {
          ContextArgs a = ToolResults.arguments(arguments, ContextArgs.class);
          Call.required(a.userId(), "user_id");
          BlendApi.ContextView view = blend.context(tenant, new BlendApi.BlendBody(a.userId(),
              Optional.empty(), a.sessionId(), a.question(), Optional.empty(), Optional.empty(),
              Optional.empty()));
          String text = view.text().isBlank()
              ? "Nothing relevant is known for this question (route: " + view.route() + ")."
              : view.text();
          return ToolResults.ok(text, view);
        });
  }
}
