package dev.tributary.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Objects;

/**
 * The job file's {@code http.caFile}: certificates trusted for TLS in addition to the JVM's own.
 * Read where the job file is read, so the TaskManagers need no copy of the file; a CA certificate
 * is public, so carrying it in the job is harmless.
 *
 * @param file the file as the job file names it, shown in messages
 * @param pem the file's PEM text, holding at least one X.509 certificate
 */
public record TrustedCa(String file, String pem) implements Serializable {

  public TrustedCa {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pem, "pem");
    int certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
              .size();
    } catch (CertificateException e) {
      throw new ConfigException("caFile", "not a PEM file of X.509 certificates: " + file);
    }
    if (certificates == 0) {
      throw new ConfigException("caFile", "no certificate in " + file);
    }
  }

  /** Reads the file, relative to the job file's folder. */
  static TrustedCa read(String given, Path jobFile) {
    if (given == null) return null;
    String file = ConfigValues.text("caFile", given, given);
    Path folder = jobFile.toAbsolutePath().getParent();
    Path path = folder == null ? Path.of(file) : folder.resolve(file);
    try {
      return new TrustedCa(file, Files.readString(path, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new ConfigException("caFile", "cannot read " + Messages.quotePath(file));
    }
  }

  @Override
  public String toString() {
    return file;
  }
}
