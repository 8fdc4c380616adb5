Feature: Small kernel allocations are too small to fail (mm/page_alloc.c, mm/oom_kill.c)

  __alloc_pages_slowpath() does not give up on a GFP_KERNEL allocation of order 3 or less while
  the OOM killer makes progress: after out_of_memory() chose a victim it retries, and while the
  victim still holds its memory the caller waits (a jiffy at a time here) until the reaper has
  freed it. GFP_ATOMIC may not sleep: it takes from the reserves below min, or fails at once.

  Background:
    Given the seed is 0
    And this machine:
      """
      ram 256 MB
      cpus 1
      """
    And these files and processes:
      """
      process hog pid 100 uses 180 MB
      process big pid 200
      """

  Scenario: A GFP_KERNEL allocation waits for the OOM victim's memory
    # big's 200 MB cannot fit beside hog's 180 MB on 256 MB without swap: at about 1.01 s the
    # OOM killer picks hog (the largest), and the reaper frees it 2 s later. The kernel's
    # order-2 allocation at 1.5 s meets the same shortage, finds the victim still pending, and
    # waits until the reaper has freed hog's memory (at about 3.01 s), then succeeds, with no
    # second kill.
    When these actions happen:
      """
      at 1 s: big allocates 200 MB
      at 1.5 s "kernel pages": kernel allocates pages order 2 as p
      """
    Then these expectations hold:
      """
      expect: event oom_kill count == 1
      expect: hog killed by oom
      expect: big alive
      expect: dmesg contains "oom_reaper: reaped process 100 (hog)"
      expect at 3.5 s: action "kernel pages" succeeded
      """

  Scenario: A GFP_ATOMIC allocation does not wait: it digs into the reserve at once
    # GFP_ATOMIC may not sleep; __GFP_HIGH and ALLOC_NON_BLOCK let it go below the min
    # watermark (to min - min/2 - min/4), so the same order-2 request succeeds at 1.5 s, long
    # before the reaper.
    When these actions happen:
      """
      at 1 s: big allocates 200 MB
      at 1.5 s "atomic pages": kernel allocates pages order 2 atomic as p
      """
    Then these expectations hold:
      """
      expect: event oom_kill count == 1
      expect at 1.6 s: action "atomic pages" succeeded
      """
