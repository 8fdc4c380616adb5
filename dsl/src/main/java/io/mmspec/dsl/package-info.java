/** The scenario language: parse, check, compile, run, report; and the command line. */
package io.mmspec.dsl;
