package io.mmspec.dsl.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code mmspec} command. Exit codes: 0 all is well, 1 an expectation failed, 2 the input is
 * invalid or the usage is wrong, 3 a limit stopped a run, 70 an internal error (one line,
 * never a stack trace unless {@code --debug}). A new subcommand is one more class in
 * {@code subcommands} below.
 */
@Command(name = "mmspec", mixinStandardHelpOptions = true, version = "mmspec 0.1",
        description = "Scenarios for the Linux memory-management subsystem: parse, check, run, grade.",
        subcommands = {
            RunCommand.class,
            CheckCommand.class,
            TraceCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    /** EX_SOFTWARE of sysexits.h: the program, not the input, is at fault. */
    public static final int INTERNAL_ERROR = 70;
    /** Invalid input or wrong usage. */
    public static final int INVALID = 2;

    @Option(names = "--debug", description = "Print the stack trace of an internal error.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** Runs the command line and returns its exit code; output goes to out and err. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err, Arrays.asList(args).contains("--debug")).execute(args);
    }

    /** Without a subcommand: the usage, and the exit code of a usage error. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed");
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean debug) {
        CommandLine commandLine = new CommandLine(new Main());
        for (SubcommandProvider provider : java.util.ServiceLoader.load(SubcommandProvider.class)) {
            commandLine.addSubcommand(provider.command());
        }
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            err.println("mmspec: internal error: " + exception);
            if (debug) {
                exception.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            err.println("mmspec: " + exception.getMessage());
            if (!exception.getMessage().equals("a subcommand is needed")) {
                cmd.usage(err);
            }
            err.flush();
            return INVALID;
        });
        return commandLine;
    }
}
