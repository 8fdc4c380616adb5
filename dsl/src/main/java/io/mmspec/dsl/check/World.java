package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What exists at each point of the timeline as the checker walks it in (time, line) order:
 * processes and their region names, files, kernel objects and slab caches. A name used before
 * it exists is held back until the walk ends: then the checker knows whether it comes into
 * being later ("used before it is mapped") or never ("unknown ...; did you mean").
 */
final class World {

    /** What allocated a kernel object, so that it is freed the same way. */
    enum KernelKind {
        KMALLOC("kmalloc", "kfrees"), VMALLOC("vmalloc", "vfrees"), PAGES("alloc_pages", "frees pages"),
        CACHE("kmem_cache_alloc", "frees NAME to cache");

        final String allocator;
        final String freer;

        KernelKind(String allocator, String freer) {
            this.allocator = allocator;
            this.freer = freer;
        }
    }

    /** A name used before anything made it; decided when the walk ends. */
    record Pending(String namespace, String owner, Name name, String time) {
    }

    /** Regions bound now, per process (insertion-ordered for deterministic hints). */
    private final Map<String, Set<String>> regions = new LinkedHashMap<>();
    /** Every region name a process ever had. */
    private final Map<String, Set<String>> everRegions = new LinkedHashMap<>();
    /** Processes whose regions are unknown here (declared outside a fragment). */
    private final Set<String> external = new LinkedHashSet<>();
    /** Where each process comes into being (declaration or fork). */
    private final Map<String, Span> everProcesses = new LinkedHashMap<>();
    private final Map<String, KernelKind> kernelObjects = new LinkedHashMap<>();
    private final Map<String, KernelKind> everKernelObjects = new LinkedHashMap<>();
    private final Set<String> files = new LinkedHashSet<>();
    private final Map<String, Span> everFiles = new LinkedHashMap<>();
    private final Set<String> caches = new LinkedHashSet<>();
    private final Set<String> everCaches = new LinkedHashSet<>();
    private final List<Pending> pending = new ArrayList<>();

    // ---- processes -------------------------------------------------------------------------

    void createProcess(String name, Span where) {
        regions.putIfAbsent(name, new LinkedHashSet<>());
        everRegions.putIfAbsent(name, new LinkedHashSet<>());
        everProcesses.putIfAbsent(name, where);
    }

    void addExternalProcess(String name) {
        external.add(name);
        createProcess(name, null);
    }

    boolean processExists(String name) {
        return regions.containsKey(name);
    }

    /** Every process the scenario ever has, in creation order of their declarations and forks. */
    List<String> everProcesses() {
        return new ArrayList<>(everProcesses.keySet());
    }

    Span createdAt(String name) {
        return everProcesses.get(name);
    }

    // ---- regions ---------------------------------------------------------------------------

    void bind(String process, String region) {
        regions.computeIfAbsent(process, p -> new LinkedHashSet<>()).add(region);
        everRegions.computeIfAbsent(process, p -> new LinkedHashSet<>()).add(region);
    }

    /** fork(): the child has its parent's mappings and their names. */
    void copyRegions(String parent, String child) {
        for (String region : regions.getOrDefault(parent, Set.of())) {
            bind(child, region);
        }
        if (external.contains(parent)) {
            external.add(child);
        }
    }

    /** execve(): the old mappings go; text, data, bss, heap and stack come. */
    void replaceRegions(String process, List<String> fresh) {
        regions.put(process, new LinkedHashSet<>());
        fresh.forEach(region -> bind(process, region));
    }

    boolean regionBound(String process, String region) {
        return external.contains(process) || regions.getOrDefault(process, Set.of()).contains(region);
    }

    boolean regionEverBound(String process, String region) {
        return external.contains(process) || everRegions.getOrDefault(process, Set.of()).contains(region);
    }

    List<String> everRegions(String process) {
        return new ArrayList<>(everRegions.getOrDefault(process, Set.of()));
    }

    // ---- files -----------------------------------------------------------------------------

    void createFile(String path, Span where) {
        files.add(path);
        everFiles.putIfAbsent(path, where);
    }

    boolean fileExists(String path) {
        return files.contains(path);
    }

    List<String> everFiles() {
        return new ArrayList<>(everFiles.keySet());
    }

    Span fileCreatedAt(String path) {
        return everFiles.get(path);
    }

    // ---- kernel objects and caches ---------------------------------------------------------

    void allocate(String object, KernelKind kind) {
        kernelObjects.put(object, kind);
        everKernelObjects.putIfAbsent(object, kind);
    }

    KernelKind kernelObject(String object) {
        return kernelObjects.get(object);
    }

    List<String> everKernelObjects() {
        return new ArrayList<>(everKernelObjects.keySet());
    }

    boolean kernelObjectEverExists(String object) {
        return everKernelObjects.containsKey(object);
    }

    void createCache(String cache) {
        caches.add(cache);
        everCaches.add(cache);
    }

    boolean cacheExists(String cache) {
        return caches.contains(cache) || Vocabulary.kmallocCaches().contains(cache)
                || Vocabulary.KERNEL_CACHES.contains(cache);
    }

    boolean cacheEverExists(String cache) {
        return everCaches.contains(cache) || cacheExists(cache);
    }

    List<String> everCaches() {
        List<String> all = new ArrayList<>(everCaches);
        all.addAll(Vocabulary.kmallocCaches());
        all.addAll(Vocabulary.KERNEL_CACHES);
        return all;
    }

    // ---- names used before they exist -------------------------------------------------------

    void defer(String namespace, String owner, Name name, String time) {
        pending.add(new Pending(namespace, owner, name, time));
    }

    List<Pending> pending() {
        return List.copyOf(pending);
    }
}
