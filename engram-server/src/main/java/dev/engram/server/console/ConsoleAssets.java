package dev.engram.server.console;

import dev.engram.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files, read from the jar once at startup and served without a key: the
 * page at {@code /}, its scripts and style under {@code /console/}. They hold no data; every
 * datum comes from {@code /v1} with the key the person pastes, so they need no protection. A
 * strict content security policy keeps the page to its own scripts (no inline code, no other
 * origin), so text from documents and memories can never run as script.
 */
public final class ConsoleAssets {
  /** Prefix of the asset URLs; not an API path, so it never collides with /v1, /docs or /mcp. */
  public static final String PREFIX = "/console/";
  /** Every file of the console; a fixed list, so a request can never name another resource. */
  static final List<String> FILES = List.of("app.js", "api.js", "ui.js", "overview.js",
      "documents.js", "search.js", "memory.js", "ask.js", "keys.js", "style.css");
  static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
      + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
      + " form-action 'none'";

  private record Asset(byte[] bytes, String type) {}

  private final Asset page;
  private final Map<String, Asset> files = new LinkedHashMap<>();

  public ConsoleAssets() {
    this.page = new Asset(read("index.html"), "text/html; charset=utf-8");
    for (String f : FILES) {
      files.put(f, new Asset(read(f), f.endsWith(".css") ? "text/css; charset=utf-8"
          : "text/javascript; charset=utf-8"));
    }
  }

  /** Adds {@code GET /} and {@code GET /console/{file}}. */
  public void register(RoutesConfig routes) {
    routes.addHttpHandler(HandlerType.GET, "/", ctx -> send(ctx, page));
    routes.addHttpHandler(HandlerType.GET, PREFIX + "{file}", ctx -> {
      Optional<Asset> asset = Optional.ofNullable(files.get(ctx.pathParam("file")));
      if (asset.isEmpty()) {
        throw new ApiException(404, "ENGRAM-980", "no console file '" + ctx.pathParam("file")
            + "': the console is at / (its files are " + String.join(", ", FILES) + ")");
      }
      send(ctx, asset.get());
    });
  }

  private static void send(Context ctx, Asset a) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    // The files change with the jar only; revalidating each load keeps an upgraded server's
    // console from mixing old and new modules.
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(a.type()).result(a.bytes());
  }

  private static byte[] read(String name) {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("console file " + name + " is missing from the engram-server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
