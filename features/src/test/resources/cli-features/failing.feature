Feature: A feature that fails

  Scenario: A wrong count
    Given a machine with 64 MB of RAM and 1 CPU
    And transparent huge pages are never
    And a process "p" with pid 100
    When "p" maps buf anon 16 KB rw- private
    And "p" touches buf
    Then "p" has 5 minor faults
