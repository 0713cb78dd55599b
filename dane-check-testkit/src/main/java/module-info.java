/**
 * The dane-check lab: a DNSSEC-signed DNS server and STARTTLS mail servers on loopback, test
 * certificates, JUnit 5 support and report assertions.
 */
module org.danecheck.testkit {
  requires transitive org.danecheck.api;
  requires org.dnsjava;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  requires org.bouncycastle.tls;
  requires org.slf4j;
  requires org.junit.jupiter.api;
  requires org.assertj.core;

  exports org.danecheck.testkit;
}
