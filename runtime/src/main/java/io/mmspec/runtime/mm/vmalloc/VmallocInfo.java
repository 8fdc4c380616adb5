package io.mmspec.runtime.mm.vmalloc;

import java.util.ArrayList;
import java.util.List;

/**
 * /proc/vmallocinfo: mirrors vmalloc_info_show() and show_purge_info() of mm/vmalloc.c. The
 * kernel walks its vmap nodes in turn, each node's busy list in address order, then every
 * node's lazy list ("unpurged vm_area"). An area belongs to node (va_start / 64 KiB) %
 * nr_vmap_nodes (addr_to_node_id() with vmap_zone_size of 16 pages; one node on one CPU).
 */
final class VmallocInfo {
    private static final int VMAP_ZONE_SHIFT = 4 + Vmalloc.PAGE_SHIFT;

    private VmallocInfo() {
    }

    static List<VmallocInfoLine> lines(VmapSpace space, int nrNodes) {
        List<VmallocInfoLine> out = new ArrayList<>();
        for (int node = 0; node < nrNodes; node++) {
            for (int i = 0; i < space.busy.size(); i++) {
                VmapArea area = space.busy.get(i);
                if (nodeOf(area, nrNodes) == node) {
                    out.add(new VmallocInfoLine(area.vaStart, area.vaEnd, area.size(), area.caller,
                            area.nrPages, area.pagesArea != null, false));
                }
            }
        }
        for (int node = 0; node < nrNodes; node++) {
            for (int i = 0; i < space.lazy.size(); i++) {
                VmapArea area = space.lazy.get(i);
                if (nodeOf(area, nrNodes) == node) {
                    out.add(new VmallocInfoLine(area.vaStart, area.vaEnd, area.size(), null, 0, false, true));
                }
            }
        }
        return out;
    }

    static String text(List<VmallocInfoLine> lines) {
        StringBuilder text = new StringBuilder();
        for (VmallocInfoLine line : lines) {
            text.append(line.text()).append('\n');
        }
        return text.toString();
    }

    /** addr_to_node_id(). */
    static int nodeOf(VmapArea area, int nrNodes) {
        return (int) Long.remainderUnsigned(area.vaStart >>> VMAP_ZONE_SHIFT, nrNodes);
    }
}
