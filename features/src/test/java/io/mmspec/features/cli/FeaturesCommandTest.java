package io.mmspec.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.cli.SubcommandProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FeaturesCommandTest {

    @Test
    void exitsWithZeroWhenEveryScenarioPasses() throws Exception {
        assertThat(run(feature("passing.feature"))).isZero();
    }

    @Test
    void exitsWithOneWhenAScenarioFails() throws Exception {
        assertThat(run(feature("failing.feature"))).isEqualTo(1);
    }

    @Test
    void exitsWithTwoForAPathThatDoesNotExist() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeaturesCommand());
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("no/such.feature")).isEqualTo(2);
        assertThat(err.toString()).contains("no/such.feature: no such file or folder");
    }

    @Test
    void handsCucumberTheStepLibraryAndThePaths() {
        FeaturesCommand command = new FeaturesCommand();
        new CommandLine(command).parseArgs("--monochrome", "a.feature", "dir");

        assertThat(command.arguments()).containsExactly("--glue", "io.mmspec.features", "--plugin", "pretty",
                "--monochrome", "a.feature", "dir");
    }

    @Test
    void isFoundAsASubcommandOfTheCommandLine() {
        assertThat(ServiceLoader.load(SubcommandProvider.class).stream().map(p -> p.get().command()))
                .singleElement().isInstanceOf(FeaturesCommand.class);
        assertThat(new CommandLine(new FeaturesCommand()).getCommandName()).isEqualTo("features");
    }

    private static int run(Path feature) {
        return new CommandLine(new FeaturesCommand()).execute("--monochrome", feature.toString());
    }

    private static Path feature(String name) throws URISyntaxException {
        return Path.of(FeaturesCommandTest.class.getResource("/cli-features/" + name).toURI());
    }
}
