package io.mmspec.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test corpora under src/test/resources/io/mmspec/dsl/{good,bad}: each .mms file with its
 * golden file beside it. Run the tests with {@code -Dmmspec.golden.update=true} to rewrite the
 * golden files from what the code gives (then read the diff before committing).
 */
public final class Corpus {

    private static final String UPDATE = "mmspec.golden.update";

    private Corpus() {
    }

    /** The .mms files of one corpus folder, by name. */
    public static List<Path> files(String folder) {
        try {
            Path dir = Paths.get(Corpus.class.getResource("/io/mmspec/dsl/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".mms")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The golden file beside {@code mms} with another extension, as a string. */
    public static String golden(Path mms, String extension, String actual) {
        Path golden = sibling(mms, extension);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Path source = Paths.get("src/test/resources/io/mmspec/dsl")
                        .resolve(mms.getParent().getFileName()).resolve(golden.getFileName());
                Files.writeString(source, actual, StandardCharsets.UTF_8);
                return actual;
            }
            return Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "<no golden file " + golden.getFileName() + ">";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sibling(Path mms, String extension) {
        String name = mms.getFileName().toString();
        return mms.resolveSibling(name.substring(0, name.length() - ".mms".length()) + extension);
    }

    public static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
