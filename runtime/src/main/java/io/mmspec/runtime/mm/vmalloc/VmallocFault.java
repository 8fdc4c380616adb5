package io.mmspec.runtime.mm.vmalloc;

/**
 * A copy into or out of vmalloc memory ran into an unmapped page (a guard page, a freed area):
 * the kernel oopses there. Carries the {@link AccessResult} with the oops lines.
 */
public final class VmallocFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient AccessResult result;

    VmallocFault(AccessResult result) {
        super(result.oops().get(0));
        this.result = result;
    }

    public AccessResult result() {
        return result;
    }
}
