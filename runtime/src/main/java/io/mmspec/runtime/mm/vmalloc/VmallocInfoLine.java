package io.mmspec.runtime.mm.vmalloc;

/**
 * One line of /proc/vmallocinfo, as vmalloc_info_show() prints it with kptr_restrict=1 and a
 * reader holding CAP_SYSLOG (so %pK prints the address in full):
 *
 * <pre>
 *   0xffffc90000000000-0xffffc90000a01000 10489856 module_area pages=2560 vmalloc vpages N0=2560
 *   0xffffc90000a01000-0xffffc90000a07000   24576 module_area pages=5 vmalloc N0=5
 *   0xffffc90000a07000-0xffffc90000a09000    8192 unpurged vm_area
 * </pre>
 *
 * The kernel prints the caller with %pS (symbol+0xoff/0xsize); a simulated caller has no
 * code address, so the name given to vmalloc() is printed as it is ("module_area").
 *
 * @param start    va_start (vm->addr)
 * @param end      va_end, guard page included
 * @param size     end - start
 * @param caller   the caller name, or null for an unpurged area
 * @param pages    vm->nr_pages
 * @param vpages   the pages array is vmalloc'd
 * @param unpurged a lazily freed area waiting for the purge
 */
public record VmallocInfoLine(long start, long end, long size, String caller, int pages, boolean vpages,
                              boolean unpurged) {
    /** The line without its newline. */
    public String text() {
        if (unpurged) {
            return String.format("0x%016x-0x%016x %7d unpurged vm_area", start, end, size);
        }
        StringBuilder line = new StringBuilder(String.format("0x%016x-0x%016x %7d", start, end, size));
        if (caller != null) {
            line.append(' ').append(caller);
        }
        if (pages != 0) {
            line.append(" pages=").append(pages);
        }
        line.append(" vmalloc");
        if (vpages) {
            line.append(" vpages");
        }
        if (pages != 0) {
            line.append(" N0=").append(pages);
        }
        return line.toString();
    }
}
