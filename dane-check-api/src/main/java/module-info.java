/** The public types of dane-check: TLSA records and the report of a domain check. */
module org.danecheck.api {
  exports org.danecheck;
}
