package dev.engram.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds the official OpenSearch Java client over the Apache httpclient5 transport for an {@link
 * Endpoint}: basic auth when it names a user, and a trust store of its CA file when it has one.
 */
final class Clients {
  private Clients() {}

  static OpenSearchClient connect(Endpoint endpoint, ObjectMapper json) {
    HttpHost host = new HttpHost(endpoint.https() ? "https" : "http", endpoint.host(), endpoint.port());
    ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
        .setMapper(new JacksonJsonpMapper(json));
    builder.setHttpClientConfigCallback(http -> {
      if (endpoint.user().isPresent()) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(
            endpoint.user().get(), endpoint.password().orElse("").toCharArray()));
        http.setDefaultCredentialsProvider(credentials);
      }
      if (endpoint.ca().isPresent()) {
        http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setTlsStrategy(ClientTlsStrategyBuilder.create()
                .setSslContext(trusting(endpoint.ca().get())).build())
            .build());
      }
      return http;
    });
    OpenSearchTransport transport = builder.build();
    return new OpenSearchClient(transport);
  }

  /** A TLS context that trusts exactly the certificates of a PEM (or DER) file. */
  static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new InvalidInputException("ENGRAM-510", "the CA file " + caFile
            + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : certs) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException("ENGRAM-510", "the CA file " + caFile
          + " is not a certificate file (PEM or DER): " + e.getMessage(), e);
    }
  }
}
