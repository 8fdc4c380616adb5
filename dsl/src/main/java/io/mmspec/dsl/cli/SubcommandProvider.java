package io.mmspec.dsl.cli;

/**
 * A subcommand contributed by a module the dsl cannot depend on (the features module's
 * {@code mmspec features}), found with {@link java.util.ServiceLoader} from
 * {@code META-INF/services/io.mmspec.dsl.cli.SubcommandProvider}.
 */
public interface SubcommandProvider {
    /** The picocli command object (annotated with {@code @Command}). */
    Object command();
}
