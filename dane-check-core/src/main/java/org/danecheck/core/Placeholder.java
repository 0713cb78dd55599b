package org.danecheck.core;

class Placeholder {}
