package dev.engram.bridge;

import dev.engram.client.DocumentFields;
import dev.engram.common.InvalidInputException;
import dev.engram.client.EngramClient;
import dev.engram.client.EngramClientException;
import dev.engram.client.SearchHit;
import dev.engram.client.SearchQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knowledge on a running server: {@code /v1/search}, {@code /v1/documents} by id and {@code
 * /v1/documents/delete} by metadata.
 */
final class RemoteKnowledge implements Knowledge {
  private final EngramClient client;

  RemoteKnowledge(EngramClient client) {
    this.client = client;
  }

  @Override
  public List<Passage> search(Search s) {
    SearchQuery q = new SearchQuery(s.query(), s.k(), s.mode(), s.kbs(), s.filters());
    return client.search(q).stream().map(RemoteKnowledge::passage).toList();
  }

  private static Passage passage(SearchHit h) {
    String id = h.externalId().isEmpty() ? h.documentId() : h.externalId();
    return new Passage(id, h.kb(), h.title(), h.source(), h.text(), h.start(), h.end(), h.section(),
        h.scores().fused(), h.metadata());
  }

  @Override
  public void add(String kb, List<Doc> docs) {
    for (Doc d : docs) {
      client.addDocument(d.id(), d.text(), DocumentFields.inKb(kb).withTitle(d.title())
          .withSource(d.metadata().getOrDefault("source", "")).withMetadata(new HashMap<>(d.metadata())));
    }
  }

  @Override
  public void delete(String kb, List<String> ids) {
    for (String id : ids) {
      try {
        client.deleteDocument(id, kb);
      } catch (EngramClientException e) {
        if (e.status() != 404) { // an id not stored is ignored, as the embedded engine does
          throw e;
        }
      }
    }
  }

  @Override
  public List<String> deleteMatching(String kb, Map<String, String> metadata) {
    if (metadata.isEmpty()) { // refused here as the embedded engine refuses it, before a round trip
      throw new InvalidInputException("ENGRAM-952", "deleting by metadata needs at least one key and value");
    }
    return client.deleteDocuments(kb, metadata);
  }
}
