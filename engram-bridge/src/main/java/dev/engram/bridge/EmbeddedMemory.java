package dev.engram.bridge;

import dev.engram.Engram;
import dev.engram.common.Scope;
import dev.engram.context.Context;
import dev.engram.memory.model.RecallQuery;
import java.util.List;
import java.util.Locale;

/** Memory and the blend of an embedded Engram. */
final class EmbeddedMemory implements Memory {
  private final Engram engram;
  private final String tenant;

  EmbeddedMemory(Engram engram, String tenant) {
    this.engram = engram;
    this.tenant = tenant;
  }

  @Override
  public List<Recollection> recall(Conversation who, String query, int k) {
    Scope user = Scope.ofTenant(tenant).withUser(who.userId());
    return engram.memories().recall(RecallQuery.of(user, query).withK(k)).stream()
        .map(m -> new Recollection(m.id(), m.text(), m.kind().label(), m.scores().score(),
            m.validFrom(), m.validTo(), m.provenance()))
        .toList();
  }

  @Override
  public Blend context(Conversation who, String question, List<String> kbs) {
    Scope scope = EmbeddedSessions.scope(tenant, who);
    Context c = engram.context(kbs.isEmpty() ? scope : scope.withKnowledgeBases(kbs), question);
    return new Blend(c.route().route().name().toLowerCase(Locale.ROOT), c.render(),
        c.citations().stream().map(x -> new Blend.Cited(x.number(),
            x.kind().name().toLowerCase(Locale.ROOT), x.id(), x.title(), x.text())).toList());
  }
}
