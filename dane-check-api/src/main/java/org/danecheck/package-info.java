/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The public types of dane-check: TLSA records and the report of a domain check.
 *
 * <p><b>DNS names.</b> Every name this API returns is written as people and MTAs log it: A-labels,
 * lower case as given by DNS, without the trailing dot of an absolute name ({@code mx.example.org},
 * {@code _25._tcp.mx.example.org}); the root is {@code "."}. Builders, factories and constructors
 * that take a name drop a trailing dot, so the rule holds whatever form the caller has. The one
 * exception is {@link org.danecheck.TlsaRecord#toZoneLine}, whose owner name is absolute because a
 * zone file would append its origin to a relative one.
 *
 * <p><b>Subjects.</b> A {@link org.danecheck.Problem}'s subject is the empty string ({@link
 * org.danecheck.Problem#DOMAIN}) for the domain, a host name, or an endpoint as {@code
 * host[address]:port}; {@link org.danecheck.Problem#scope()} says which. Steps a check did not
 * finish are {@link org.danecheck.IncompleteStep}s, typed by kind.
 *
 * <p><b>Evolution.</b> The report types ({@link org.danecheck.DomainReport}, {@link
 * org.danecheck.MxHostReport}, {@link org.danecheck.EndpointReport}, {@link
 * org.danecheck.LookupStatus}) are made with builders so that they can gain fields; small value
 * records ({@link org.danecheck.Problem}, {@link org.danecheck.IncompleteStep}) keep their
 * components.
 */
package org.danecheck;
