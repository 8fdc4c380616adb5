package io.mmspec.dsl.ast;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * A stable, readable rendering of a tree, one node per line, indented by depth: the golden
 * files of the parser tests are written in it. Every record prints its components in declaration
 * order (so a new node type prints without touching this class); spans print as {@code @line:col}
 * after a node's type, empty optionals and empty lists are left out, and sizes and times show
 * both their text and their value: {@code ram: 16 GB (17179869184 B)}.
 */
public final class AstPrinter {

    private static final String INDENT = "  ";

    private AstPrinter() {
    }

    public static String print(Object node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof List<?> list) {
            for (Object item : list) {
                out.append("- ");
                node(item, 0, out);
            }
        } else {
            node(node, 0, out);
        }
        return out.toString();
    }

    /** Appends the node's head to the current line, then its components on lines of their own. */
    private static void node(Object node, int depth, StringBuilder out) {
        String leaf = leaf(node);
        if (leaf != null) {
            out.append(leaf).append('\n');
            return;
        }
        Record record = (Record) node;
        out.append(typeName(record.getClass()));
        spanOf(record).ifPresent(span -> out.append(" @").append(span.line()).append(':').append(span.column()));
        out.append('\n');
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (!component.getName().equals("span")) {
                component(component.getName(), value(record, component), depth + 1, out);
            }
        }
    }

    private static void component(String name, Object value, int depth, StringBuilder out) {
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> component(name, v, depth, out));
            return;
        }
        if (value instanceof List<?> list) {
            if (!list.isEmpty()) {
                out.append(INDENT.repeat(depth)).append(name).append(":\n");
                for (Object item : list) {
                    out.append(INDENT.repeat(depth + 1)).append("- ");
                    node(item, depth + 1, out);
                }
            }
            return;
        }
        out.append(INDENT.repeat(depth)).append(name).append(": ");
        node(value, depth, out);
    }

    /** The one-line rendering of a leaf value, or null for a node with components. */
    private static String leaf(Object value) {
        if (value instanceof Name name) {
            return name.text();
        }
        if (value instanceof StringLit string) {
            return string.source();
        }
        if (value instanceof Size size) {
            return size.text() + " (" + size.bytes() + " B)";
        }
        if (value instanceof Time time) {
            return time.text() + " (" + time.nanos() + " ns)";
        }
        if (value instanceof Rate rate) {
            return rate.text() + " (" + rate.bytesPerSecond() + " B/s)";
        }
        if (value instanceof Count || value instanceof Address || value instanceof Amount) {
            return value.toString();
        }
        if (value instanceof Permission permission) {
            return permission.text() + " (prot " + permission.prot() + ")";
        }
        if (value instanceof Machine.Choice<?> choice) {
            return String.valueOf(leaf(choice.value()));
        }
        if (value instanceof Enum<?> || value instanceof Boolean || value instanceof String || value instanceof Number) {
            return value.toString();
        }
        return null;
    }

    private static String typeName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? type.getSimpleName() : typeName(enclosing) + "." + type.getSimpleName();
    }

    private static Optional<Span> spanOf(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals("span") && component.getType() == Span.class) {
                return Optional.of((Span) value(record, component));
            }
        }
        return Optional.empty();
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }
}
