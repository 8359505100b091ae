package dev.engram.bridge;

import dev.engram.client.ContextResult;
import dev.engram.client.EngramClient;
import dev.engram.client.Owner;
import dev.engram.client.Question;
import dev.engram.client.RecallQuery;
import java.util.List;

/** Memory and the blend on a running server: {@code /v1/memories/search} and {@code /v1/context}. */
final class RemoteMemory implements Memory {
  private final EngramClient client;

  RemoteMemory(EngramClient client) {
    this.client = client;
  }

  static Owner owner(Conversation who) {
    Owner user = Owner.user(who.userId());
    return who.sessionId().map(user::withSession).orElse(user);
  }

  @Override
  public List<Recollection> recall(Conversation who, String query, int k) {
    return client.recall(RecallQuery.of(Owner.user(who.userId()), query).withTopK(k)).stream()
        .map(m -> new Recollection(m.id(), m.memory(), m.kind(), m.score(), m.validFrom(),
            m.validTo(), m.provenance()))
        .toList();
  }

  @Override
  public Blend context(Conversation who, String question, List<String> kbs) {
    ContextResult c = client.context(Question.of(owner(who), question).inKbs(kbs));
    return new Blend(c.route(), c.text(), c.citations().stream()
        .map(x -> new Blend.Cited(x.number(), x.kind(), x.id(), x.title(), x.text())).toList());
  }
}
