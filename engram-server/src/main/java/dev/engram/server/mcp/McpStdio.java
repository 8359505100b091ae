package dev.engram.server.mcp;

import dev.engram.common.Checks;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * MCP over stdio for one local agent: JSON-RPC lines in on {@code in}, out on {@code out}, and
 * nothing else on {@code out}. Every call works in one tenant, the local data's. Serves until the
 * agent closes {@code in}.
 */
public final class McpStdio {
  private McpStdio() {}

  /** Serves {@code apis} in {@code tenant} until {@code in} ends, then closes the server. */
  public static void serve(Apis apis, String tenant, InputStream in, OutputStream out)
      throws InterruptedException {
    Checks.notNull(tenant, "tenant");
    CountDownLatch ended = new CountDownLatch(1);
    InputStream watched = new FilterInputStream(in) {
      // The transport reads one char at a time through a reader; the end of input is -1 or an error.
      @Override
      public int read() throws IOException {
        try {
          return seen(super.read());
        } catch (IOException e) {
          ended.countDown();
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return seen(super.read(b, off, len));
        } catch (IOException e) {
          ended.countDown();
          throw e;
        }
      }

      private int seen(int n) {
        if (n < 0) {
          ended.countDown();
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        ended.countDown();
        super.close();
      }
    };
    StdioServerTransportProvider transport = new StdioServerTransportProvider(
        McpJsonDefaults.getMapper(), watched, out);
    McpSyncServer server = EngramMcp.serve(transport, apis, exchange -> tenant);
    try {
      ended.await();
    } finally {
      server.closeGracefully();
    }
  }
}
