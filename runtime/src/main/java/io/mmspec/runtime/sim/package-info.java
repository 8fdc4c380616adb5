/**
 * The simulation substrate: one clock in nanoseconds, the event queue, the cost model and
 * the seeded random streams. Nothing here knows about memory; every mechanism stands on it.
 */
package io.mmspec.runtime.sim;
