package org.danecheck.core.internal;

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
  void rejectsWhatIsNotADomainName() {
    assertThatThrownBy(() -> DomainNames.normalize("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> DomainNames.normalize("192.0.2.1")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("[192.0.2.1]"))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("2001:db8::1"))
        .hasMessageContaining("IP address");
    assertThatThrownBy(() -> DomainNames.normalize("a..b")).hasMessageContaining("not a valid");
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
