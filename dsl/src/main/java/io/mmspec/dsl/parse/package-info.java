/**
 * Parsing scenario files: the ANTLR parse tree (grammar module, Mms.g4) to the immutable AST of
 * io.mmspec.dsl.ast, with one small builder per section (machine, declarations, timeline,
 * expectations). {@link io.mmspec.dsl.parse.ScenarioParser} is the front door. Lexical and
 * syntax errors become diagnostics in plain English; ANTLR never prints. Values that cannot be
 * read (a size where a time is expected, an unknown unit, a bad permission) are reported here
 * too, so that the checker sees a whole tree; everything about names is the checker's.
 */
package io.mmspec.dsl.parse;
