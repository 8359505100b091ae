package dev.engram.opensearch;

import dev.engram.common.InvalidInputException;
import dev.engram.index.IndexConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how to reach an OpenSearch cluster, read from an index URI:
 *
 * <ul>
 *   <li>{@code opensearch://host:9200} plain HTTP (port 9200 when none is given);
 *   <li>{@code opensearch:https://user:pass@host:443} HTTPS with basic auth, as a managed cluster
 *       wants;
 *   <li>query parameters {@code ca=/path/ca.pem} (trust this CA, PEM), {@code prefix=engram} (the
 *       names of Engram's OpenSearch indexes start with it), {@code shards=1} and {@code
 *       replicas=0} (for indexes Engram creates).
 * </ul>
 *
 * The {@link IndexConfig#options()} may give the same keys (and {@code user}, {@code password}),
 * and win over the URI, so that a password need not be written in it.
 *
 * @param https whether to speak TLS
 * @param host the host name or address
 * @param port the HTTP port
 * @param user basic-auth user, if any
 * @param password basic-auth password, if any
 * @param ca a PEM file of CA certificates to trust, if any (otherwise the JDK's trust store)
 * @param prefix the first part of every OpenSearch index name Engram uses
 * @param shards primary shards of each index Engram creates
 * @param replicas replicas of each index Engram creates
 */
record Endpoint(boolean https, String host, int port, Optional<String> user,
    Optional<String> password, Optional<Path> ca, String prefix, int shards, int replicas) {
  static final int DEFAULT_PORT = 9200;
  static final String DEFAULT_PREFIX = "engram";
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> KEYS = Set.of("ca", "prefix", "shards", "replicas", "user",
      "password");

  /** The endpoint of {@code config}; ENGRAM-510 when the URI or an option is malformed. */
  static Endpoint of(IndexConfig config) {
    String uri = config.uri();
    String rest = config.location();
    String url;
    if (rest.startsWith("//")) {
      url = "http:" + rest;
    } else if (rest.startsWith("http://") || rest.startsWith("https://")) {
      url = rest;
    } else {
      throw bad(uri, "write it as opensearch://host:9200 or opensearch:https://host:443");
    }
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw bad(uri, e.getMessage());
    }
    if (parsed.getHost() == null || parsed.getHost().isBlank()) {
      throw bad(uri, "it names no host");
    }
    if (parsed.getPath() != null && !parsed.getPath().isEmpty() && !parsed.getPath().equals("/")) {
      throw bad(uri, "a path is not supported; name the indexes with ?prefix=NAME");
    }
    Map<String, String> params = query(uri, parsed.getRawQuery());
    params.putAll(config.options());
    for (String key : params.keySet()) {
      if (!KEYS.contains(key)) {
        throw bad(uri, "unknown parameter '" + key + "' (known: " + KEYS + ")");
      }
    }
    Optional<String> user = Optional.ofNullable(params.get("user"));
    Optional<String> password = Optional.ofNullable(params.get("password"));
    String info = parsed.getUserInfo();
    if (info != null && user.isEmpty()) {
      int colon = info.indexOf(':');
      user = Optional.of(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0 && password.isEmpty()) {
        password = Optional.of(info.substring(colon + 1));
      }
    }
    Optional<Path> ca = Optional.ofNullable(params.get("ca")).map(Path::of);
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      throw bad(uri, "the CA file " + ca.get() + " cannot be read");
    }
    String prefix = params.getOrDefault("prefix", DEFAULT_PREFIX);
    if (!PREFIX.matcher(prefix).matches()) {
      throw bad(uri, "prefix must match " + PREFIX + ", got: " + prefix);
    }
    boolean https = parsed.getScheme().equals("https");
    int port = parsed.getPort() > 0 ? parsed.getPort() : https ? 443 : DEFAULT_PORT;
    return new Endpoint(https, parsed.getHost(), port, user, password, ca, prefix,
        number(uri, params, "shards", 1, 1), number(uri, params, "replicas", 0, 0));
  }

  /** The base URL, without credentials. */
  String url() {
    return (https ? "https" : "http") + "://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return url() + " (indexes " + prefix + "-*)";
  }

  private static Map<String, String> query(String uri, String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw bad(uri, "parameter '" + pair + "' has no value");
      }
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static int number(String uri, Map<String, String> params, String key, int fallback,
      int min) {
    String value = params.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < min) {
        throw bad(uri, key + " must be >= " + min + ", got: " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw bad(uri, key + " must be a number, got: " + value);
    }
  }

  private static InvalidInputException bad(String uri, String why) {
    return new InvalidInputException("ENGRAM-510", "index URI '" + redact(uri) + "' is malformed: "
        + why);
  }

  /** The URI with any password replaced, for messages. */
  static String redact(String uri) {
    return uri.replaceAll("(//[^:/@]+:)[^@/]*@", "$1***@");
  }
}
