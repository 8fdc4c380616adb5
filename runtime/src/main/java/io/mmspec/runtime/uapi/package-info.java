/**
 * The user-space ABI of the simulated kernel, as include/uapi/ spells it: errno values,
 * PROT_*, MAP_*, MADV_* and signal numbers. Every mechanism shares these constants.
 */
package io.mmspec.runtime.uapi;
