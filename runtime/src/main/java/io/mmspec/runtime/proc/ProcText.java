package io.mmspec.runtime.proc;

import java.util.Map;

/**
 * The text of the /proc files, in the kernel's exact formats. Values are computed by the
 * caller from the state of the mechanisms; this class only prints them.
 */
public final class ProcText {
    private ProcText() {
    }

    /**
     * /proc/meminfo (fs/proc/meminfo.c: show_val_kb): the label padded to 16 columns, the
     * value right-aligned in 8, then " kB"; HugePages_* counts are printed without a unit.
     */
    public static String meminfo(Map<MeminfoField, Long> values) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<MeminfoField, Long> entry : values.entrySet()) {
            MeminfoField field = entry.getKey();
            String label = field.label() + ":";
            if (field.isKilobytes()) {
                out.append(String.format("%-16s%8d kB\n", label, entry.getValue()));
            } else {
                out.append(String.format("%-16s%6d\n", label, entry.getValue()));
            }
        }
        return out.toString();
    }

    /** /proc/vmstat (mm/vmstat.c: vmstat_show): one "name value" per line. */
    public static String vmstat(Map<String, Long> values) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            out.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
        }
        return out.toString();
    }

    /**
     * The memory lines of /proc/PID/status (fs/proc/task_mmu.c: task_mem), each
     * {@code "VmRSS:\t%8lu kB"}, preceded by the identity lines of proc_pid_status().
     */
    public static String status(String name, char state, int pid, int ppid, int uid,
                                Map<String, Long> vmKb) {
        StringBuilder out = new StringBuilder();
        out.append("Name:\t").append(name).append('\n');
        out.append("State:\t").append(state).append(state == 'R' ? " (running)" : state == 'Z' ? " (zombie)" : " (dead)").append('\n');
        out.append("Tgid:\t").append(pid).append('\n');
        out.append("Pid:\t").append(pid).append('\n');
        out.append("PPid:\t").append(ppid).append('\n');
        out.append(String.format("Uid:\t%d\t%d\t%d\t%d\n", uid, uid, uid, uid));
        for (Map.Entry<String, Long> entry : vmKb.entrySet()) {
            out.append(String.format("%s:\t%8d kB\n", entry.getKey(), entry.getValue()));
        }
        out.append("Threads:\t1\n");
        return out.toString();
    }
}
