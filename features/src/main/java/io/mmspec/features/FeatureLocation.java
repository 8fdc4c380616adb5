package io.mmspec.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a feature file is, and the scenario files it names: first beside the feature file (a
 * folder on disk, or a package on the class path), then in the project's {@code examples}
 * folder (the system property {@code mmspec.examples}, else the nearest {@code examples} folder
 * above the working directory).
 */
public final class FeatureLocation {
    /** The system property naming the examples folder. */
    public static final String EXAMPLES_PROPERTY = "mmspec.examples";
    private static final String CLASSPATH = "classpath:";

    private final URI uri;
    private final Optional<Path> folder;
    private final String resourceFolder;

    private FeatureLocation(URI uri, Optional<Path> folder, String resourceFolder) {
        this.uri = uri;
        this.folder = folder;
        this.resourceFolder = resourceFolder;
    }

    /** The location of the feature file at {@code uri} ({@code file:...} or {@code classpath:...}). */
    public static FeatureLocation of(URI uri) {
        String text = uri.toString();
        if (text.startsWith(CLASSPATH)) {
            String resource = text.substring(CLASSPATH.length()).replaceFirst("^/", "");
            String resourceFolder = resource.contains("/") ? resource.substring(0, resource.lastIndexOf('/') + 1) : "";
            return new FeatureLocation(uri, onDisk(resourceFolder), resourceFolder);
        }
        if ("file".equals(uri.getScheme())) {
            return new FeatureLocation(uri, Optional.ofNullable(Path.of(uri).getParent()), null);
        }
        return new FeatureLocation(uri, Optional.empty(), null);
    }

    /** No feature file: names are found from the working directory. */
    static FeatureLocation workingDirectory() {
        return new FeatureLocation(URI.create("file:./"), Optional.of(Path.of("").toAbsolutePath()), null);
    }

    /** The feature file, as a message names it. */
    public String describe() {
        return uri.toString();
    }

    /** The feature file's name without its folder: {@code memory.feature}. */
    public String featureName() {
        String text = uri.toString();
        return text.substring(text.lastIndexOf('/') + 1);
    }

    /** The feature file's folder on disk, when it has one. */
    public Optional<Path> folder() {
        return folder;
    }

    /** The scenario file {@code name}, beside the feature file or among the examples. */
    public ScenarioFile scenarioFile(String name) {
        Optional<Path> beside = folder.map(f -> f.resolve(name)).filter(Files::isRegularFile);
        if (beside.isPresent()) {
            return read(beside.get());
        }
        if (resourceFolder != null) {
            Optional<String> text = resource(resourceFolder + name);
            if (text.isPresent()) {
                return new ScenarioFile(Path.of(name), text.get());
            }
        }
        Optional<Path> examples = examplesFolder();
        Optional<Path> example = examples.map(e -> e.resolve(name)).filter(Files::isRegularFile);
        if (example.isPresent()) {
            return read(example.get());
        }
        throw new IllegalArgumentException("no scenario file \"" + name + "\" beside " + uri
                + examples.map(e -> " nor in the examples folder " + e).orElse(" (and no examples folder found)"));
    }

    /** The examples folder: the property {@value #EXAMPLES_PROPERTY}, or the nearest one above here. */
    public static Optional<Path> examplesFolder() {
        String property = System.getProperty(EXAMPLES_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static ScenarioFile read(Path path) {
        try {
            return new ScenarioFile(path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> onDisk(String resourceFolder) {
        URL url = loader().getResource(resourceFolder.isEmpty() ? "." : resourceFolder);
        if (url == null || !"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = loader().getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FeatureLocation.class.getClassLoader();
    }
}
