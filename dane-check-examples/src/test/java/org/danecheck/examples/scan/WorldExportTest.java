/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.danecheck.examples.scan.SyntheticLab.DomainKind;
import org.danecheck.examples.scan.SyntheticLab.World;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.ServerChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported real-server world holds the plan: its zones, delegations, servers and keys. */
class WorldExportTest {
  @TempDir Path dir;

  @Test
  void theExportHoldsEveryZoneServerAndKeyOfThePlan() throws Exception {
    SyntheticLab plan = SyntheticLab.generate(120, 1, World.REPRESENTATIVE);
    try (DaneLab lab = plan.labBuilder().start()) {
      WorldExport.write(plan, lab, dir, 25);
    }
    assertThat(Files.readAllLines(dir.resolve("domains.txt"))).isEqualTo(plan.domainNames());
    List<String> zones = Files.readAllLines(dir.resolve("zones.tsv"));
    // Children before their parents: the script signs in this order, adding DS upwards.
    assertThat(zones.get(zones.size() - 2)).startsWith("test.\ttrue\t");
    assertThat(zones.get(zones.size() - 1)).isEqualTo(".\ttrue\tzones/root.zone");
    String tld = Files.readString(dir.resolve("zones/test.zone"));
    for (SyntheticLab.Domain d : plan.domains()) {
      String origin = d.name() + ".";
      assertThat(zones.contains(origin + "\t" + d.signed() + "\tzones/" + origin + "zone"))
          .as(d.name())
          .isEqualTo(d.kind() != DomainKind.NONEXISTENT);
      if (d.kind() == DomainKind.MAIL) {
        String zone = Files.readString(dir.resolve("zones/" + origin + "zone"));
        assertThat(zone)
            .contains(origin + " 300 IN MX 10 " + plan.servers().get(d.mx().get(0)).name());
        assertThat(tld).contains(origin + " 86400 IN NS ns." + origin);
      }
    }
    List<String> servers = Files.readAllLines(dir.resolve("servers.tsv"));
    assertThat(servers).hasSize(plan.serversInUse());
    boolean sawTlsa = false;
    for (String row : servers) {
      String[] f = row.split("\t");
      SyntheticLab.Server server =
          plan.servers().stream().filter(s -> s.name().equals(f[0])).findFirst().orElseThrow();
      assertThat(f[1]).isEqualTo(server.kind().name());
      assertThat(f[2]).startsWith("127.3.");
      String hostZone = f[0].substring(f[0].indexOf('.') + 1);
      String zone = Files.readString(dir.resolve("zones/" + hostZone + "zone"));
      assertThat(zone).contains(f[0] + " 300 IN A " + f[2].split(",")[0]);
      assertThat(zone.contains("_25._tcp." + f[0] + " 300 IN TLSA 3 1 1 "))
          .isEqualTo(server.kind().dane());
      sawTlsa |= server.kind().dane();
      // Postfix's chain file: the key, then the chain; it must load as the lab's chain does.
      String pem = Files.readString(dir.resolve(f[4]));
      int certs = pem.indexOf("-----BEGIN CERTIFICATE");
      ServerChain chain = ServerChain.fromPem(pem.substring(certs), pem.substring(0, certs));
      assertThat(chain.keyAlgorithm().name()).isEqualTo(server.rsa() ? "RSA" : "ECDSA");
    }
    assertThat(sawTlsa).isTrue();
  }
}
