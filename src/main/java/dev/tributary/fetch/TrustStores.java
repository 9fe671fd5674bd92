package dev.tributary.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Trust for TLS: the JVM's own certificate authorities plus those of {@code http.caFile}. */
final class TrustStores {
  private TrustStores() {}

  /** The JVM's default trusted certificates and those in {@code pem}. */
  static TrustManagerFactory withExtra(String pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      int n = 0;
      for (TrustManager manager : defaults.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate ca : x509.getAcceptedIssuers()) {
            store.setCertificateEntry("jvm-" + n++, ca);
          }
        }
      }
      for (Certificate ca :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("ca-file-" + n++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust;
    } catch (GeneralSecurityException | IOException e) {
      // The file was checked when the job file was read; this is the JVM's own trust failing.
      throw new IllegalStateException("cannot set up the trusted certificates", e);
    }
  }
}
