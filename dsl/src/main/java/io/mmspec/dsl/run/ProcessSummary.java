package io.mmspec.dsl.run;

/**
 * A process as the run left it.
 *
 * @param name   its name
 * @param pid    its pid
 * @param state  alive, exited or killed
 * @param ending how it ended, in words ("killed by oom at 1.000200 s"), empty if alive
 */
public record ProcessSummary(String name, int pid, String state, String ending) {
}
