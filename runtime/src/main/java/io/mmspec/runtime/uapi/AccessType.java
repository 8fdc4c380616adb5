package io.mmspec.runtime.uapi;

/** What the CPU was doing when it touched an address: the W/R and I/D bits of a fault. */
public enum AccessType {
    READ, WRITE, EXEC
}
