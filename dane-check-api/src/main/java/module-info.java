/*
 * Copyright 2026 The dane-check Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The public types of dane-check: TLSA records and the report of a domain check. */
module org.danecheck.api {
  exports org.danecheck;
}
