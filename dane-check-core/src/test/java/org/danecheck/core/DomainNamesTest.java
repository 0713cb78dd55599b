/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainNamesTest {
  @Test
  void normalisesCaseTrailingDotAndIdn() {
    assertThat(DomainNames.normalize(" Example.ORG. ")).isEqualTo("example.org");
    assertThat(DomainNames.normalize("Bücher.example")).isEqualTo("xn--bcher-kva.example");
    assertThat(DomainNames.absolute("example.org")).isEqualTo("example.org.");
  }

  @Test
  void convertsPerUts46NonTransitionalAsIdna2008() {
    // UTS #46 non-transitional processing (IDNA2008): the deviation characters are kept, not
    // mapped as IDNA2003 (java.net.IDN) does: faß.de is xn--fa-hia.de, not fass.de.
    assertThat(DomainNames.normalize("faß.de")).isEqualTo("xn--fa-hia.de");
    assertThat(java.net.IDN.toASCII("faß.de")).isEqualTo("fass.de"); // what the JDK would give
    assertThat(DomainNames.normalize("βόλος.com")).isEqualTo("xn--nxasmm1c.com");
    assertThat(DomainNames.normalize("ÖBB.at")).isEqualTo("xn--bb-eka.at");
    // UTS #46 mapping: full-width letters and the ideographic full stop
    assertThat(DomainNames.normalize("ｅｘａｍｐｌｅ。ｏｒｇ")).isEqualTo("example.org");
    // A-labels are validated, and kept
    assertThat(DomainNames.normalize("XN--FA-HIA.de")).isEqualTo("xn--fa-hia.de");
    // R-LDH labels that are not IDNA are DNS names all the same (CheckHyphens=false)
    assertThat(DomainNames.normalize("ab--cd.example")).isEqualTo("ab--cd.example");
  }

  @Test
  void rejectsInvalidInternationalisedNames() {
    // an xn-- label that is no valid Punycode, or decodes to a name IDNA2008 does not allow
    assertThatThrownBy(() -> DomainNames.normalize("xn--a.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTS #46");
    // right-to-left and left-to-right in one label (RFC 5893)
    assertThatThrownBy(() -> DomainNames.normalize("a\u05d0.example"))
        .hasMessageContaining("right-to-left");
    assertThatThrownBy(() -> DomainNames.normalize("ü_x.example"))
        .hasMessageContaining("not allowed");
  }

  @Test
  void rejectsWhatIsNotADomainName() {
    assertThatThrownBy(() -> DomainNames.normalize("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> DomainNames.normalize("192.0.2.1")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("[192.0.2.1]"))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("2001:db8::1"))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("a..b")).hasMessageContaining("empty label");
    assertThatThrownBy(() -> DomainNames.normalize("a_b.example"))
        .hasMessageContaining("a_b.example");
    assertThatThrownBy(() -> DomainNames.normalize("-a.example"))
        .hasMessageContaining("-a.example");
    assertThatThrownBy(() -> DomainNames.normalize("a".repeat(64) + ".example"))
        .hasMessageContaining("label");
    assertThatThrownBy(() -> DomainNames.normalize(("a".repeat(60) + ".").repeat(5) + "org"))
        .hasMessageContaining("characters long");
    assertThatThrownBy(() -> DomainNames.normalize("example.123")).hasMessageContaining("numeric");
  }
}
