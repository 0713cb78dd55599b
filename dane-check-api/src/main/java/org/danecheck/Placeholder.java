package org.danecheck;

class Placeholder {}
