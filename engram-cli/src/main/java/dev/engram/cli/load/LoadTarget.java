package dev.engram.cli.load;

import dev.engram.client.EngramClient;
import java.net.URI;

/**
 * The server under load: its base URL, the tenant key, and a client shared by every bench
 * client (the JDK HttpClient pools its connections). Operations that the typed client does not
 * cover (another protocol on the same server) send raw HTTP to {@link #url()} with {@link #apiKey()}.
 */
public record LoadTarget(URI url, String apiKey, EngramClient client) {}
