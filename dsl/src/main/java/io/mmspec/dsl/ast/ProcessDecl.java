package io.mmspec.dsl.ast;

import java.util.Optional;

/**
 * {@code process chrome pid 3000 oom_score_adj 100 uses 600 MB as heap}: a process that
 * exists when the scenario starts. {@code uses} gives it one private anonymous rw mapping of
 * that size, resident, optionally named.
 */
public record ProcessDecl(
        Name name,
        Optional<Count> pid,
        Optional<Name> parent,
        Optional<Count> uid,
        Optional<Count> oomScoreAdj,
        Optional<Count> nice,
        Optional<Size> uses,
        Optional<Name> usesAs,
        Span span) {
}
