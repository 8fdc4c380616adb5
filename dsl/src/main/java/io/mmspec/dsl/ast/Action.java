package io.mmspec.dsl.ast;

import java.util.Optional;

/** One thing that happens on the timeline: done by a process, by the kernel, or a kill. */
public sealed interface Action permits ProcessAction, KernelAction, Action.Kill {

    Span span();

    /**
     * {@code chrome kills firefox with SIGTERM} or, from outside any process,
     * {@code kill firefox}. The signal is SIGKILL when none is written.
     */
    record Kill(Optional<Name> sender, Name target, Optional<Name> signal, Span span) implements Action {
    }
}
