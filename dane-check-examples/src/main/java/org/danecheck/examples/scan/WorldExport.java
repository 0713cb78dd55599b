/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.examples.scan;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danecheck.TlsaRecord;
import org.danecheck.testkit.DaneLab;
import org.danecheck.testkit.ServerChain;

/**
 * Writes a {@link SyntheticLab} plan out as the files of a real-server world ({@code
 * interop/bench-world}: NSD, a validating Unbound, one Postfix listener per server address), so
 * that the lab's cost can be compared with that of real servers serving the same plan.
 *
 * <p>The zones are written unsigned, with the lab's records and TTLs (records 300 s, NS 86400 s),
 * the delegations as NS plus glue (the script adds the DS of each signed child after signing it);
 * every zone's NS is {@code ns.<zone>} as in the lab, here with an address record ({@value
 * #AUTH_ADDRESS}, NSD), which the lab's single server does not need. The certificates and keys are
 * the ones a lab of this plan serves (made by starting it); server addresses are the lab's {@code
 * 127.1.x.y} moved to {@code 127.3.x.y}, so both worlds can run at once. TLSA records are published
 * for port {@code port}.
 */
final class WorldExport {
  /** NSD's address in the real-server world. */
  static final String AUTH_ADDRESS = "127.0.54.1";

  private WorldExport() {}

  /** One zone to write: its origin, whether it is signed, its records. */
  private record Zone(String origin, boolean signed, List<String> records) {}

  /**
   * Writes the world: {@code domains.txt}, {@code lab-ca.pem}, {@code zones.tsv} (origin, signed,
   * file; children before parents), {@code zones/*.zone}, {@code servers.tsv} (name, kind,
   * addresses, key-and-chain file) and {@code pki/<host>.keychain.pem}.
   *
   * @return how many zones and servers were written, for the user
   */
  static String write(SyntheticLab plan, DaneLab lab, Path dir, int port) throws IOException {
    Files.createDirectories(dir.resolve("zones"));
    Files.createDirectories(dir.resolve("pki"));
    Map<String, Zone> zones = new LinkedHashMap<>();
    List<String> serverRows = new ArrayList<>();
    boolean[] used = new boolean[plan.servers().size()];
    plan.domains().forEach(d -> d.mx().forEach(i -> used[i] = true));
    for (int k = 0; k < used.length; k++) {
      if (!used[k]) {
        continue;
      }
      SyntheticLab.Server server = plan.servers().get(k);
      String host = server.name();
      Zone zone = zone(zones, parent(host), server.zoneSigned());
      DaneLab.LabEndpoint endpoint = lab.host(host);
      List<String> addresses = new ArrayList<>();
      for (InetAddress a : endpoint.addresses()) {
        String address = benchAddress(a);
        addresses.add(address);
        zone.records()
            .add(host + " 300 IN " + (a instanceof Inet4Address ? "A " : "AAAA ") + address);
      }
      for (TlsaRecord tlsa : endpoint.tlsaRecords()) {
        zone.records().add("_" + port + "._tcp." + host + " 300 IN TLSA " + tlsa);
      }
      String keychain = "pki/" + host + "keychain.pem";
      Files.writeString(dir.resolve(keychain), keyChainPem(endpoint.chains().get(0)));
      serverRows.add(
          host
              + "\t"
              + server.kind()
              + "\t"
              + String.join(",", addresses)
              + "\t"
              + (server.rsa() ? "rsa" : "ec")
              + "\t"
              + keychain);
    }
    for (SyntheticLab.Domain d : plan.domains()) {
      String origin = d.name() + ".";
      switch (d.kind()) {
        case NONEXISTENT -> {}
        case NULL_MX -> zone(zones, origin, d.signed()).records().add(origin + " 300 IN MX 0 .");
        case MAIL -> {
          Zone zone = zone(zones, origin, d.signed());
          for (int p = 0; p < d.mx().size(); p++) {
            String host = plan.servers().get(d.mx().get(p)).name();
            zone.records().add(origin + " 300 IN MX " + 10 * (p + 1) + " " + host);
          }
        }
      }
    }
    // The ancestors, signed as in the lab (REPRESENTATIVE: every ancestor with its own key).
    Zone tld = zone(zones, "test.", true);
    Zone root = zone(zones, ".", true);
    for (Zone child : List.copyOf(zones.values())) {
      if (child == root) {
        continue;
      }
      Zone parent = child == tld ? root : tld;
      String ns = "ns." + child.origin();
      parent.records().add(child.origin() + " 86400 IN NS " + ns);
      parent.records().add(ns + " 86400 IN A " + AUTH_ADDRESS); // glue
    }
    StringBuilder index = new StringBuilder();
    List<Zone> ordered = new ArrayList<>(zones.values());
    ordered.remove(tld);
    ordered.remove(root);
    ordered.add(tld);
    ordered.add(root);
    for (Zone zone : ordered) {
      String file = "zones/" + (zone.origin().equals(".") ? "root." : zone.origin()) + "zone";
      StringBuilder text = new StringBuilder("$TTL 300\n");
      String ns = "ns." + (zone.origin().equals(".") ? "" : zone.origin());
      // The lab's SOA and apex NS (ns.<zone> as MNAME and RNAME, serial 1).
      text.append(zone.origin())
          .append(" 300 IN SOA ")
          .append(ns)
          .append(' ')
          .append(ns)
          .append(" 1 3600 600 86400 300\n");
      text.append(zone.origin()).append(" 86400 IN NS ").append(ns).append('\n');
      text.append(ns).append(" 86400 IN A ").append(AUTH_ADDRESS).append('\n');
      zone.records().forEach(r -> text.append(r).append('\n'));
      Files.writeString(dir.resolve(file), text);
      index.append(zone.origin()).append('\t').append(zone.signed()).append('\t').append(file);
      index.append('\n');
    }
    Files.writeString(dir.resolve("zones.tsv"), index);
    Files.write(dir.resolve("servers.tsv"), serverRows);
    Files.write(dir.resolve("domains.txt"), plan.domainNames());
    Files.writeString(dir.resolve("lab-ca.pem"), lab.rootCa().certificatePem());
    Files.writeString(
        dir.resolve("world.txt"),
        "world="
            + plan.world()
            + "\ndomains="
            + plan.domains().size()
            + "\nservers="
            + serverRows.size()
            + "\nzones="
            + zones.size()
            + "\nsmtp-port="
            + port
            + "\nauth-address="
            + AUTH_ADDRESS
            + "\n");
    return zones.size() + " zones, " + serverRows.size() + " servers";
  }

  private static Zone zone(Map<String, Zone> zones, String origin, boolean signed) {
    return zones.computeIfAbsent(origin, o -> new Zone(o, signed, new ArrayList<>()));
  }

  private static String parent(String absolute) {
    return absolute.substring(absolute.indexOf('.') + 1);
  }

  /** The lab's 127.1.x.y as 127.3.x.y; ::1 stays. */
  static String benchAddress(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return "127.3." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    return "::1";
  }

  /** Key first, then the chain as the lab sends it: Postfix's smtpd_tls_chain_files format. */
  static String keyChainPem(ServerChain chain) {
    StringBuilder out = new StringBuilder(pem("PRIVATE KEY", chain.privateKey().getEncoded()));
    for (byte[] der : chain.chainDer()) {
      out.append(pem("CERTIFICATE", der));
    }
    return out.toString();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
