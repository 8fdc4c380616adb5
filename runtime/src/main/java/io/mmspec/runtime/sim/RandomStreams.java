package io.mmspec.runtime.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from the scenario seed. Each consumer (ASLR of one process,
 * the random access pattern of one action) asks for its own stream by name, so adding a
 * consumer never shifts the numbers another one sees. Mirrors the role of get_random_long()
 * in the kernel, made reproducible.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A fresh stream for {@code name}; the same seed and name always give the same numbers. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(mix(seed ^ fnv1a(name)));
    }

    private static long fnv1a(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: spreads nearby seeds far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
