/**
 * The simulated kernel: the Linux mm/ subsystem laid out one package per mechanism, as mm/ is.
 * Depends on the JDK alone; no parsing and no printing to stdout.
 */
package io.mmspec.runtime;
