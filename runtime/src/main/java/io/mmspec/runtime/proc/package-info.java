/**
 * What a person reads: /proc/meminfo, /proc/vmstat, /proc/buddyinfo, /proc/zoneinfo,
 * /proc/slabinfo, /proc/PID/{maps,status,oom_score}, dmesg and the trace. Every view is
 * computed from the state of the mechanisms, never kept as a separate counter that can drift.
 */
package io.mmspec.runtime.proc;
