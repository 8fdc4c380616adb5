Feature: Scenario files checked from a feature

  A scenario file (.mms) runs through the same steps as a feature: found beside the feature file
  or in the project's examples folder, run once, its expectations judged by the same predicates.
  A teacher checks a submission this way, including that a wrong claim is caught, and can add
  Gherkin checks of their own on the same run.

  Scenario Outline: Every example of the project holds (<file>)
    Given the scenario file "<file>"
    When it runs
    Then every expectation holds
    And it has <expectations> expectations

    Examples: examples/
      | file                          | expectations |
      | 01-first-fault.mms            | 7            |
      | 02-zero-page.mms              | 6            |
      | 03-cow-after-fork.mms         | 7            |
      | 04-transparent-huge-pages.mms | 6            |
      | 05-vma-merge-split.mms        | 5            |
      | 06-jit-and-wx.mms             | 5            |
      | 07-buddy-allocator.mms        | 13           |
      | 08-watermarks.mms             | 4            |
      | 09-file-fault-around.mms      | 10           |
      | 10-exec-demand-paging.mms     | 10           |
      | 11-one-terabyte.mms           | 6            |
      | 13-kernel-allocators.mms      | 19           |
      | 14-firefox-journey.mms        | 16           |
      | 15-swap-and-reclaim.mms       | 11           |

  Scenario: Gherkin checks on the run of a scenario file
    Given the scenario file "03-cow-after-fork.mms"
    When it runs
    Then "child" has 100 minor faults
    And "parent" has 200 minor faults
    And vmstat pgreuse is 100
    And "child" reads "child!" at buf

  Scenario: Timed expectations added to a scenario file
    # 01-first-fault.mms maps at 1 ms and touches from 2 ms: no fault before
    Given the scenario file "01-first-fault.mms"
    Then these expectations hold:
      """
      expect at 1.5 ms: p.faults.minor == 0
      expect at 1.5 ms: p.rss == 0 KB
      """
    And at 1.5 ms, the address space of "p" is:
      """
      0x7ffff75ff000-0x7ffff7fff000 rw-p buf
      """

  Scenario: A teacher finds the wrong claim in a submission
    Given the scenario file "submission.mms"
    When it runs
    Then the expectation on line 14 does not hold: "expected == 2561, but it is 2560"
    And "p" has 2560 minor faults
    And the RSS of "p" is 10 MB
