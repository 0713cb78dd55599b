/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TlsaRecordTest {
  private static final String DIGEST =
      "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";

  @Test
  void parsesPresentationFormWithWhitespaceInHex() {
    // RFC 6698 2.2: the association data may be split by white space.
    TlsaRecord record =
        TlsaRecord.parse(
            "3 1 1 " + DIGEST.substring(0, 20) + " " + DIGEST.substring(20).toUpperCase());
    assertThat(record.usage()).contains(TlsaUsage.DANE_EE);
    assertThat(record.selector()).contains(TlsaSelector.SPKI);
    assertThat(record.matchingType()).contains(TlsaMatchingType.SHA2_256);
    assertThat(record.associationDataHex()).isEqualTo(DIGEST);
    assertThat(record).hasToString("3 1 1 " + DIGEST);
  }

  @Test
  void parsesWholeZoneLineWithCommentAndParentheses() {
    TlsaRecord record =
        TlsaRecord.parse(
            "_25._tcp.mx.example.org. 3600 IN TLSA ( 2 0 1\n " + DIGEST + " ) ; the CA");
    assertThat(record.describeFields()).isEqualTo("DANE-TA Cert SHA2-256");
    assertThat(record.toZoneLine("mx.example.org", 25))
        .isEqualTo("_25._tcp.mx.example.org. IN TLSA 2 0 1 " + DIGEST);
  }

  @Test
  void parsesRfc3597GenericForm() {
    // RFC 3597 5: \# <length> <hex>
    TlsaRecord record = TlsaRecord.parse("\\# 35 030101 " + DIGEST);
    assertThat(record).isEqualTo(TlsaRecord.parse("3 1 1 " + DIGEST));
  }

  @Test
  void keepsUnknownNumbersAsData() {
    TlsaRecord record = TlsaRecord.parse("7 9 200 00");
    assertThat(record.usage()).isEmpty();
    assertThat(record.usageNumber()).isEqualTo(7);
    assertThat(record.selectorNumber()).isEqualTo(9);
    assertThat(record.matchingTypeNumber()).isEqualTo(200);
    assertThat(record.describeFields()).isEqualTo("7 9 200");
  }

  @Test
  void rejectsMalformedInputNamingTheField() {
    assertThatThrownBy(() -> TlsaRecord.parse("3 x 1 00")).hasMessageContaining("selector");
    assertThatThrownBy(() -> TlsaRecord.parse("256 1 1 00")).hasMessageContaining("usage");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 -1 00")).hasMessageContaining("matching type");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 abc"))
        .hasMessageContaining("association data")
        .hasMessageContaining("odd");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 zz")).hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1")).hasMessageContaining("expected");
    assertThatThrownBy(() -> TlsaRecord.parse("\\# 4 030101")).hasMessageContaining("length");
    assertThatThrownBy(() -> TlsaRecord.parse("")).hasMessageContaining("no data");
  }

  @Test
  void acceptsOnlyAsciiDigits() {
    // Integer.parseInt and Character.isDigit/digit also take other scripts' digits: U+0663 is
    // ARABIC-INDIC DIGIT THREE, U+FF11 FULLWIDTH DIGIT ONE, U+FF21 FULLWIDTH LATIN CAPITAL A.
    assertThatThrownBy(() -> TlsaRecord.parse("\u0663 1 1 00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> TlsaRecord.parse("3 \uff11 1 00")).hasMessageContaining("selector");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 \uff21b"))
        .hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 \u0663\u0663"))
        .hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> TlsaRecord.parse("\\# \u0664 03010100"))
        .hasMessageContaining("length");
    assertThatThrownBy(() -> TlsaRecord.parse("+3 1 1 00")).hasMessageContaining("usage");
    assertThat(TlsaRecord.parse("003 1 1 00").usageNumber()).isEqualTo(3);
    assertThat(TlsaRecord.parse("\\# 4 03010100").associationDataHex()).isEqualTo("00");
  }

  @Test
  void isImmutable() {
    byte[] data = {1, 2, 3};
    TlsaRecord record = TlsaRecord.of(3, 1, 0, data);
    data[0] = 9;
    record.associationData()[1] = 9;
    assertThat(record.associationDataHex()).isEqualTo("010203");
  }

  @Test
  void aRecordWithoutAssociationDataPrintsInTheGenericFormAndParsesBack() {
    // Found by TlsaRecordFuzzTest: "\# 3 022 95f" parsed, but its "2 41 95 " did not.
    TlsaRecord empty = TlsaRecord.parse("\\# 3 022 95f");
    assertThat(empty).hasToString("\\# 3 02295f");
    assertThat(TlsaRecord.parse(empty.toString())).isEqualTo(empty);
    assertThat(TlsaRecord.parse(empty.toZoneLine("mx.example.org", 25))).isEqualTo(empty);
  }

  @Test
  void numbersAndHexAreAsciiDigitsOnly() {
    // RFC 1035 5.1 / RFC 6698 2.2: decimal and hexadecimal digits of the zone file's ASCII.
    // Integer.parseInt and Character.digit also take other scripts' digits.
    assertThatThrownBy(() -> TlsaRecord.parse("\u0663 1 1 " + DIGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> TlsaRecord.parse("3 1 1 \uff10\uff10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a hex digit");
    assertThatThrownBy(() -> TlsaRecord.parse("\\# +4 03010100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
  }
}
