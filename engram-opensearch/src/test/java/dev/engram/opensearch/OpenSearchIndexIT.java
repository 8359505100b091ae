package dev.engram.opensearch;

import dev.engram.common.VectorSpace;
import dev.engram.index.Index;
import dev.engram.index.IndexConfig;
import dev.engram.index.IndexContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The index contract against a real OpenSearch node: each test's directory stands for an index
 * prefix of its own, so reopening the same directory reopens the same OpenSearch indexes.
 */
@ExtendWith(OpenSearchNode.class)
class OpenSearchIndexIT extends IndexContractTest {

  @Override
  protected Index openIndex(Path dir, VectorSpace space) {
    String name = "c" + Integer.toHexString(dir.toString().hashCode());
    return new OpenSearchIndexFactory().open(IndexConfig.of(OpenSearchNode.uri(name), space));
  }
}
