package io.mmspec.features.cli;

import io.mmspec.dsl.cli.SubcommandProvider;

/** Contributes {@code mmspec features} to the command line (found through ServiceLoader). */
public final class FeaturesSubcommand implements SubcommandProvider {
    @Override
    public Object command() {
        return new FeaturesCommand();
    }
}
