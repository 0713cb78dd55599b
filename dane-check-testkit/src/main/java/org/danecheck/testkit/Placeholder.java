package org.danecheck.testkit;

class Placeholder {}
