package org.danecheck.examples;

class Placeholder {}
