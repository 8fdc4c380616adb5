package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.diag.Suggestions;

/**
 * Decides, once the whole timeline is walked, what a name used before it existed was: used
 * too early (it comes into being later) or unknown (it never does; with a "did you mean").
 */
final class PendingNames {

    private final Findings findings;
    private final World world;

    PendingNames(Findings findings, World world) {
        this.findings = findings;
        this.world = world;
    }

    void resolve() {
        for (World.Pending p : world.pending()) {
            String text = p.name().text();
            Span span = p.name().span();
            switch (p.namespace()) {
                case "process" -> {
                    if (world.everProcesses().contains(text)) {
                        findings.error(span, "process '" + text + "' does not exist yet at " + p.time()
                                + " (it is created on line " + world.createdAt(text).line() + ")");
                    } else {
                        findings.unknown("process", p.name(), world.everProcesses());
                    }
                }
                case "region" -> {
                    if (world.regionEverBound(p.owner(), text)) {
                        findings.error(span, "region '" + text + "' of " + p.owner() + " is used at " + p.time()
                                + " before any action maps it");
                    } else {
                        findings.error(span, "unknown region '" + text + "' of " + p.owner()
                                + Suggestions.hint(text, world.everRegions(p.owner())));
                    }
                }
                case "file" -> {
                    if (world.everFiles().contains(text)) {
                        findings.error(span, "file \"" + text + "\" does not exist yet at " + p.time()
                                + " (it is first written on line " + world.fileCreatedAt(text).line() + ")");
                    } else {
                        findings.error(span, "unknown file \"" + text + "\"" + fileHint(text));
                    }
                }
                case "kernel object" -> {
                    if (world.kernelObjectEverExists(text)) {
                        findings.error(span, "kernel object '" + text + "' is used at " + p.time()
                                + " before it is allocated");
                    } else {
                        findings.unknown("kernel object", p.name(), world.everKernelObjects());
                    }
                }
                default -> {
                    if (world.cacheEverExists(text)) {
                        findings.error(span, "cache \"" + text + "\" is used at " + p.time() + " before it is created");
                    } else {
                        findings.error(span, "unknown cache \"" + text + "\"" + cacheHint(text));
                    }
                }
            }
        }
    }

    private String fileHint(String path) {
        return Suggestions.closest(path, world.everFiles())
                .map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    private String cacheHint(String cache) {
        return Vocabulary.cacheHint(cache, world.everCaches());
    }
}
