package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.Machine.Choice;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.ast.Unit;
import io.mmspec.dsl.diag.Suggestions;
import io.mmspec.grammar.MmsBaseVisitor;
import io.mmspec.grammar.MmsParser;
import io.mmspec.grammar.MmsParser.MachineSettingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Machine} from the settings of a {@code machine { ... }} block. A setting
 * written twice is reported at its second place; lists (swap, disk, node, cost) may repeat.
 */
final class MachineBuilder extends MmsBaseVisitor<Void> {

    private final Literals literals;
    /** Single-valued settings by keyword, in the order written. */
    private final Map<String, Object> single = new LinkedHashMap<>();
    private final Map<String, Span> firstPlace = new LinkedHashMap<>();
    private final List<Machine.Node> nodes = new ArrayList<>();
    private final List<Machine.Zone> zones = new ArrayList<>();
    private final List<Machine.Swap> swaps = new ArrayList<>();
    private final List<Machine.Disk> disks = new ArrayList<>();
    private final List<Machine.Cost> costs = new ArrayList<>();

    private MachineBuilder(Literals literals) {
        this.literals = literals;
    }

    static Machine build(List<MachineSettingContext> settings, Span span, Literals literals) {
        MachineBuilder builder = new MachineBuilder(literals);
        settings.forEach(builder::visit);
        return builder.machine(span);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> get(String key) {
        return Optional.ofNullable((T) single.get(key));
    }

    private Machine machine(Span span) {
        return new Machine(get("ram"), get("cpus"), get("numa"), nodes, zones, swaps, disks,
                get("watermarks"), get("min_free_kbytes"), get("thp"), get("aslr"), get("swappiness"),
                get("overcommit"), get("readahead"), get("fault_around"), costs, get("wx"),
                get("page_cluster"), get("dirty_ratio"), get("dirty_background_ratio"),
                get("dirty_expire"), get("dirty_writeback"), get("slub_debug"), span);
    }

    private void set(MachineSettingContext ctx, Object value) {
        String key = ctx.getStart().getText();
        Span span = literals.spans().of(ctx.getStart());
        if (single.containsKey(key)) {
            Span first = firstPlace.get(key);
            literals.diagnostics().error(span, "'" + key + "' is set twice (first on line " + first.line() + ")");
            return;
        }
        single.put(key, value);
        firstPlace.put(key, span);
    }

    private Span span(MachineSettingContext ctx) {
        return literals.spans().of(ctx);
    }

    @Override
    public Void visitRamSetting(MmsParser.RamSettingContext ctx) {
        set(ctx, literals.size(ctx.size));
        return null;
    }

    @Override
    public Void visitCpusSetting(MmsParser.CpusSettingContext ctx) {
        set(ctx, literals.count(ctx.count));
        return null;
    }

    @Override
    public Void visitNumaSetting(MmsParser.NumaSettingContext ctx) {
        set(ctx, literals.count(ctx.count));
        return null;
    }

    @Override
    public Void visitNodeSetting(MmsParser.NodeSettingContext ctx) {
        nodes.add(new Machine.Node(literals.count(ctx.id), Optional.ofNullable(ctx.size).map(literals::size),
                Optional.ofNullable(ctx.cpus).map(literals::count), span(ctx)));
        return null;
    }

    @Override
    public Void visitZonesSetting(MmsParser.ZonesSettingContext ctx) {
        for (MmsParser.ZoneSpecContext zone : ctx.zoneSpec()) {
            zones.add(new Machine.Zone(literals.name(zone.name), Optional.ofNullable(zone.size).map(literals::size),
                    literals.spans().of(zone)));
        }
        return null;
    }

    @Override
    public Void visitSwapSetting(MmsParser.SwapSettingContext ctx) {
        swaps.add(new Machine.Swap(literals.size(ctx.size), literals.name(ctx.disk),
                Optional.ofNullable(ctx.priority).map(literals::count), span(ctx)));
        return null;
    }

    @Override
    public Void visitDiskSetting(MmsParser.DiskSettingContext ctx) {
        disks.add(new Machine.Disk(literals.name(ctx.name), Optional.ofNullable(ctx.latency).map(literals::time),
                Optional.ofNullable(ctx.bandwidth).map(literals::rate), span(ctx)));
        return null;
    }

    @Override
    public Void visitWatermarksSetting(MmsParser.WatermarksSettingContext ctx) {
        Optional<Unit> unit = sizeUnit(ctx.unit);
        set(ctx, new Machine.Watermarks(
                watermark(ctx.min, ctx.minUnit == null ? unit : sizeUnit(ctx.minUnit)),
                watermark(ctx.low, ctx.lowUnit == null ? unit : sizeUnit(ctx.lowUnit)),
                watermark(ctx.high, unit), span(ctx)));
        return null;
    }

    /** The unit of a watermark: the one after its number, or the one at the end of the line. */
    private Optional<Unit> sizeUnit(MmsParser.IdentifierContext ctx) {
        Optional<Unit> unit = Unit.bySymbol(ctx.getText()).filter(u -> u.kind() == Unit.Kind.SIZE);
        if (unit.isEmpty()) {
            literals.diagnostics().error(literals.spans().of(ctx), "watermarks take a size unit ("
                    + String.join(", ", Unit.symbols(Unit.Kind.SIZE)) + "), not '" + ctx.getText() + "'"
                    + Suggestions.hint(ctx.getText(), Unit.symbols(Unit.Kind.SIZE)));
        }
        return unit;
    }

    private Size watermark(MmsParser.NumberContext number, Optional<Unit> unit) {
        Count count = literals.count(number);
        long factor = unit.map(u -> u.factor().longValueExact()).orElse(0L);
        long bytes = 0;
        try {
            bytes = Math.multiplyExact(count.value(), factor);
        } catch (ArithmeticException e) {
            literals.diagnostics().error(count.span(), "the watermark '" + count.text() + "' is too large");
        }
        return new Size(bytes, count.text() + unit.map(u -> " " + u.symbol()).orElse(""), count.span());
    }

    @Override
    public Void visitMinFreeKbytesSetting(MmsParser.MinFreeKbytesSettingContext ctx) {
        set(ctx, literals.count(ctx.value));
        return null;
    }

    @Override
    public Void visitThpSetting(MmsParser.ThpSettingContext ctx) {
        choice(ctx.value, Machine.ThpMode.class, "THP mode").ifPresent(mode -> set(ctx, mode));
        return null;
    }

    @Override
    public Void visitAslrSetting(MmsParser.AslrSettingContext ctx) {
        set(ctx, new Choice<>(ctx.ON() != null, span(ctx)));
        return null;
    }

    @Override
    public Void visitSwappinessSetting(MmsParser.SwappinessSettingContext ctx) {
        set(ctx, literals.count(ctx.value));
        return null;
    }

    @Override
    public Void visitOvercommitSetting(MmsParser.OvercommitSettingContext ctx) {
        choice(ctx.value, Machine.OvercommitMode.class, "overcommit mode").ifPresent(mode -> set(ctx,
                new Machine.Overcommit(mode.value(), Optional.ofNullable(ctx.ratio).map(literals::count), span(ctx))));
        return null;
    }

    @Override
    public Void visitReadaheadSetting(MmsParser.ReadaheadSettingContext ctx) {
        set(ctx, literals.size(ctx.size));
        return null;
    }

    @Override
    public Void visitFaultAroundSetting(MmsParser.FaultAroundSettingContext ctx) {
        set(ctx, literals.size(ctx.size));
        return null;
    }

    @Override
    public Void visitCostSetting(MmsParser.CostSettingContext ctx) {
        costs.add(new Machine.Cost(literals.name(ctx.name), literals.time(ctx.value), span(ctx)));
        return null;
    }

    @Override
    public Void visitWxSetting(MmsParser.WxSettingContext ctx) {
        set(ctx, new Choice<>(ctx.DENY() != null, span(ctx)));
        return null;
    }

    @Override
    public Void visitPageClusterSetting(MmsParser.PageClusterSettingContext ctx) {
        set(ctx, literals.count(ctx.value));
        return null;
    }

    @Override
    public Void visitDirtyRatioSetting(MmsParser.DirtyRatioSettingContext ctx) {
        set(ctx, literals.count(ctx.value));
        return null;
    }

    @Override
    public Void visitDirtyBackgroundRatioSetting(MmsParser.DirtyBackgroundRatioSettingContext ctx) {
        set(ctx, literals.count(ctx.value));
        return null;
    }

    @Override
    public Void visitDirtyExpireSetting(MmsParser.DirtyExpireSettingContext ctx) {
        set(ctx, literals.time(ctx.value));
        return null;
    }

    @Override
    public Void visitDirtyWritebackSetting(MmsParser.DirtyWritebackSettingContext ctx) {
        set(ctx, literals.time(ctx.value));
        return null;
    }

    @Override
    public Void visitSlubDebugSetting(MmsParser.SlubDebugSettingContext ctx) {
        set(ctx, new Choice<>(ctx.ON() != null, span(ctx)));
        return null;
    }

    /** A word from a fixed set (an enum's constants in lower case), or empty after reporting it. */
    private <E extends Enum<E>> Optional<Choice<E>> choice(MmsParser.IdentifierContext ctx, Class<E> type, String what) {
        Name name = literals.name(ctx);
        List<String> words = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String word = constant.name().toLowerCase(Locale.ROOT);
            if (word.equals(name.text())) {
                return Optional.of(new Choice<>(constant, name.span()));
            }
            words.add(word);
        }
        literals.diagnostics().error(name.span(), "unknown " + what + " '" + name.text() + "' (" + String.join(", ", words)
                + ")" + Suggestions.hint(name.text(), words));
        return Optional.empty();
    }
}
