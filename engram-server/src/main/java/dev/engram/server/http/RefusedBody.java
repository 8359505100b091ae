package dev.engram.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * The rest of a body the server refuses (413), read and dropped before the answer so that the
 * answer reaches the client. Jetty closes a connection whose body was left unread, and a client
 * still sending then gets a reset that can destroy the answer before it is read (BadInputIT once
 * saw "header parser received no bytes" instead of its 413). Read to its end, the connection
 * stays open for the client's next request.
 */
public final class RefusedBody {
  /**
   * How much of a refused body is still read: 64 MiB, three times the default upload limit, so
   * that an upload somewhat over the limit gets its answer (the server reads accepted uploads of
   * that order anyway). Past it, or when the body cannot be read, the answer says {@code Connection: close} and
   * the client may see the reset: one that sends more than that is not owed the bandwidth.
   */
  public static final long DROPPED_BYTES = 64L << 20;

  private RefusedBody() {}

  /** Reads what is left of the body up to {@link #DROPPED_BYTES}; else asks to close. */
  public static void drop(Context ctx) {
    if (ctx.contentLength() > DROPPED_BYTES) {
      ctx.header("Connection", "close");
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] sink = new byte[16 * 1024];
      long read = 0;
      for (int n; read <= DROPPED_BYTES && (n = in.read(sink)) >= 0; ) {
        read += n;
      }
      if (read > DROPPED_BYTES) {
        ctx.header("Connection", "close");
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable (a stalled or broken client, a parser that gave up): close after the answer.
      ctx.header("Connection", "close");
    }
  }
}
