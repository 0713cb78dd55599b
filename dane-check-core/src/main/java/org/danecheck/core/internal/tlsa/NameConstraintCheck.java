/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.danecheck.core.internal.tlsa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

/**
 * Name constraints, which RFC 7672 3.1.2 has the client apply from the trust anchor certificate (a
 * chain must not "violate the trust anchor's path length or name constraints"), with Bouncy
 * Castle's {@link PKIXNameConstraintValidator} deciding whether a name is within a subtree, applied
 * the way OpenSSL's check_name_constraints and NAME_CONSTRAINTS_check apply them, which is what a
 * DANE MTA enforces:
 *
 * <ul>
 *   <li>each CA's constraints, the trust anchor's included, bind every certificate below it, except
 *       self-issued intermediates;
 *   <li>the names checked are the subject DN, its emailAddress attributes, every subjectAltName
 *       and, for the leaf without a DNS subjectAltName, each commonName that looks like a host name
 *       (OpenSSL's cn2dnsid);
 *   <li>a constraint of a type OpenSSL cannot evaluate (x400Address, ediPartyName, registeredID,
 *       otherName) on a name of that type, or a subtree with minimum or maximum set, fails the
 *       check rather than being ignored;
 *   <li>an empty dNSName or directoryName base matches every name of its type, as in OpenSSL;
 *   <li>work is bounded like OpenSSL's NAME_CHECK_MAX: names times constraints at most 2^20.
 * </ul>
 */
final class NameConstraintCheck {
  private NameConstraintCheck() {}

  /**
   * The answer when the call's budget of comparisons (not OpenSSL's per-certificate limit) is used
   * up: not a violation, the check was not made.
   */
  static final String WORK_LIMIT = "not checked: the work limit was reached";

  /** OpenSSL's NAME_CHECK_MAX. */
  static final int NAME_CHECK_MAX = 1 << 20;

  /** Decodes every subtree now, so that a malformed extension shows at parse time. */
  static void decode(NameConstraints nc) {
    for (GeneralSubtree[] subtrees :
        new GeneralSubtree[][] {nc.getPermittedSubtrees(), nc.getExcludedSubtrees()}) {
      if (subtrees != null) {
        for (GeneralSubtree s : subtrees) {
          s.getBase().toASN1Primitive();
          s.getMinimum();
          s.getMaximum();
        }
      }
    }
  }

  /**
   * Whether {@code cert} satisfies {@code nc}: null if it does, else why not.
   *
   * @param leaf whether {@code cert} is the leaf (its CN is then checked as a host name)
   */
  static String check(ParsedCertificate cert, boolean leaf, NameConstraints nc, Work work) {
    GeneralSubtree[] permitted = orEmpty(nc.getPermittedSubtrees());
    GeneralSubtree[] excluded = orEmpty(nc.getExcludedSubtrees());
    List<GeneralName> names = new ArrayList<>();
    X500Name subject = cert.subject();
    int dnEntries = subject.getRDNs().length;
    if (dnEntries > 0) {
      names.add(new GeneralName(subject));
      for (ASN1Primitive email : Names.emailAddresses(subject)) {
        if (!(email instanceof ASN1IA5String)) {
          return "an emailAddress in the subject is not an IA5String";
        }
        names.add(new GeneralName(GeneralName.rfc822Name, ((ASN1IA5String) email).getString()));
      }
    }
    List<GeneralName> san = cert.subjectAltNames();
    if (san != null) {
      names.addAll(san);
    }
    long nameCount = dnEntries + (san == null ? 0 : san.size());
    long constraintCount = permitted.length + excluded.length;
    if (nameCount > 0 && constraintCount > NAME_CHECK_MAX / nameCount) {
      return "too many names and name constraints to check";
    }
    if (!work.nameChecks(nameCount * constraintCount)) {
      return WORK_LIMIT;
    }
    if (leaf && cert.dnsNames().isEmpty()) {
      for (String cn : cert.commonNames()) {
        String dns = hostNameLike(cn);
        if (dns == null) {
          return "a commonName contains a NUL character";
        }
        if (!dns.isEmpty()) {
          names.add(new GeneralName(GeneralName.dNSName, dns));
        }
      }
    }
    PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    List<GeneralSubtree> bcPermitted = new ArrayList<>();
    for (GeneralSubtree s : permitted) {
      if (!matchesEverything(s)) {
        bcPermitted.add(s);
      }
    }
    // A type with an empty base among its permitted subtrees is unconstrained.
    List<GeneralSubtree> kept = new ArrayList<>();
    for (GeneralSubtree s : bcPermitted) {
      if (!typeHasEmptyBase(permitted, s.getBase().getTagNo())) {
        kept.add(s);
      }
    }
    if (!kept.isEmpty()) {
      validator.intersectPermittedSubtree(kept.toArray(new GeneralSubtree[0]));
    }
    for (GeneralSubtree s : excluded) {
      if (!matchesEverything(s)) {
        validator.addExcludedSubtree(s);
      }
    }
    for (GeneralName name : names) {
      String problem = unsupported(name, permitted, excluded);
      if (problem != null) {
        return problem;
      }
      for (GeneralSubtree s : excluded) {
        if (matchesEverything(s) && s.getBase().getTagNo() == name.getTagNo()) {
          return "the name " + describe(name) + " is excluded by a name constraint";
        }
      }
      try {
        validator.checkPermitted(name);
      } catch (NameConstraintValidatorException | RuntimeException e) {
        return "the name " + describe(name) + " is outside the permitted name constraints";
      }
      try {
        validator.checkExcluded(name);
      } catch (NameConstraintValidatorException | RuntimeException e) {
        return "the name " + describe(name) + " is excluded by a name constraint";
      }
    }
    return null;
  }

  // OpenSSL fails names of a type it has no matcher for, and subtrees with minimum/maximum.
  private static String unsupported(
      GeneralName name, GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
    int type = name.getTagNo();
    boolean constrained = false;
    for (GeneralSubtree[] subtrees : new GeneralSubtree[][] {permitted, excluded}) {
      for (GeneralSubtree s : subtrees) {
        if (s.getBase().getTagNo() != type) {
          continue;
        }
        constrained = true;
        boolean minimum = s.getMinimum() != null && s.getMinimum().signum() != 0;
        if (minimum || s.getMaximum() != null) {
          return "a name constraint sets a minimum or maximum, which is not supported";
        }
      }
    }
    boolean supportedType =
        type == GeneralName.directoryName
            || type == GeneralName.dNSName
            || type == GeneralName.rfc822Name
            || type == GeneralName.uniformResourceIdentifier
            || type == GeneralName.iPAddress;
    if (constrained && !supportedType) {
      return "a name constraint of an unsupported type applies to the certificate";
    }
    return null;
  }

  private static boolean typeHasEmptyBase(GeneralSubtree[] subtrees, int type) {
    for (GeneralSubtree s : subtrees) {
      if (s.getBase().getTagNo() == type && matchesEverything(s)) {
        return true;
      }
    }
    return false;
  }

  // An empty dNSName or directoryName base: OpenSSL's nc_dns and nc_dn match every name.
  private static boolean matchesEverything(GeneralSubtree s) {
    GeneralName base = s.getBase();
    if (base.getTagNo() == GeneralName.dNSName) {
      return Names.ia5(base).isEmpty();
    }
    if (base.getTagNo() == GeneralName.directoryName) {
      return X500Name.getInstance(base.getName()).getRDNs().length == 0;
    }
    return false;
  }

  /**
   * OpenSSL's cn2dnsid: the commonName as a DNS name if it looks like one (letters, digits, '_',
   * inner '-' and '.', at least two labels), "" if it does not, null if it has an embedded NUL.
   */
  static String hostNameLike(String cn) {
    byte[] v = cn.getBytes(StandardCharsets.UTF_8);
    int len = v.length;
    while (len > 0 && v[len - 1] == 0) {
      len--;
    }
    for (int i = 0; i < len; i++) {
      if (v[i] == 0) {
        return null;
      }
    }
    boolean dnsName = false;
    for (int i = 0; i < len; i++) {
      int c = v[i] & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        continue;
      }
      if (i > 0 && i < len - 1) {
        if (c == '-') {
          continue;
        }
        if (c == '.' && v[i + 1] != '.' && v[i - 1] != '-' && v[i + 1] != '-') {
          dnsName = true;
          continue;
        }
      }
      dnsName = false;
      break;
    }
    return dnsName ? new String(v, 0, len, StandardCharsets.US_ASCII) : "";
  }

  private static String describe(GeneralName name) {
    switch (name.getTagNo()) {
      case GeneralName.dNSName:
      case GeneralName.rfc822Name:
      case GeneralName.uniformResourceIdentifier:
        return "\"" + Names.ia5(name) + "\"";
      case GeneralName.directoryName:
        return "\"" + Names.text(X500Name.getInstance(name.getName())) + "\"";
      default:
        return "of type " + name.getTagNo();
    }
  }

  private static GeneralSubtree[] orEmpty(GeneralSubtree[] s) {
    return s == null ? new GeneralSubtree[0] : s;
  }
}
