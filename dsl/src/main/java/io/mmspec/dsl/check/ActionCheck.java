package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.ProcessAction;

/** Checks one action at the moment it runs: a kill here, the rest by process or kernel. */
final class ActionCheck {

    private final References refs;
    private final ProcessActionCheck processActions;
    private final KernelActionCheck kernelActions;

    ActionCheck(References refs, ProcessActionCheck processActions, KernelActionCheck kernelActions) {
        this.refs = refs;
        this.processActions = processActions;
        this.kernelActions = kernelActions;
    }

    void check(Action action, String time) {
        if (action instanceof Action.Kill kill) {
            kill.sender().ifPresent(sender -> refs.process(sender, time));
            refs.process(kill.target(), time);
            kill.signal().ifPresent(signal -> refs.findings().oneOf("signal", signal, Vocabulary.SIGNALS));
        } else if (action instanceof ProcessAction processAction) {
            if (refs.process(processAction.process(), time)) {
                processActions.check(processAction, time);
            }
        } else {
            kernelActions.check((KernelAction) action, time);
        }
    }
}
