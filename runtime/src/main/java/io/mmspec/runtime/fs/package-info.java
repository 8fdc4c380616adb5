/**
 * Files, inodes and block devices (fs/inode.c, block/): files with a size and real contents
 * (kept sparsely, a page at a time), executables with a text/data/bss layout for execve, and
 * devices with a latency and a bandwidth that reads and writes pay.
 * Not modelled: directories, permissions, a real on-disk layout, request queues and merging
 * (each request pays latency plus transfer time, as if the device were otherwise idle).
 */
package io.mmspec.runtime.fs;
