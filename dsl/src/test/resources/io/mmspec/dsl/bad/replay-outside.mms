scenario "Traces stay inside the scenario's folder" {
  process p pid 10
  at 1 s: p replays "/etc/passwd"
  at 2 s: p replays "../../secret.trace"
  at 3 s: p replays "traces/missing.trace"
}
