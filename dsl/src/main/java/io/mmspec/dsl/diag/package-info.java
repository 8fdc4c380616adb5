/**
 * Diagnostics of scenario files: what went wrong and where, rendered gcc-style
 * ({@code file:line:col: error: message}, the source line, a caret under the spot), with
 * "did you mean" hints. Never a stack trace.
 */
package io.mmspec.dsl.diag;
