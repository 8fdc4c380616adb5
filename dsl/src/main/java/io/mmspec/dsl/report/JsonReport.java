package io.mmspec.dsl.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mmspec.dsl.run.ExpectationResult;
import io.mmspec.dsl.run.ProcessSummary;
import io.mmspec.dsl.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The run as one JSON document, in the shape DESIGN.md fixes: scenario, file, passed, the
 * expectations (line, text, status, points, max_points, actual, message), the processes, the
 * final vmstat and meminfo, and the kernel log. Several runs print as a JSON array.
 */
public final class JsonReport {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReport() {
    }

    public static void write(List<RunResult> results, Writer out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            if (results.size() == 1) {
                writeOne(results.get(0), json);
            } else {
                json.writeStartArray();
                for (RunResult result : results) {
                    writeOne(result, json);
                }
                json.writeEndArray();
            }
            json.flush();
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOne(RunResult r, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("scenario", r.scenario());
        json.writeStringField("file", r.file());
        json.writeNumberField("seed", r.seed());
        json.writeBooleanField("passed", r.passed());
        json.writeNumberField("points", r.points());
        json.writeNumberField("max_points", r.maxPoints());
        json.writeNumberField("simulated_ns", r.simulatedNs());
        json.writeNumberField("events", r.events());
        if (r.limit() != null) {
            json.writeStringField("stopped_by_limit", r.limit());
        }
        json.writeArrayFieldStart("expectations");
        for (ExpectationResult e : r.expectations()) {
            writeExpectation(e, json);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("processes");
        for (ProcessSummary p : r.processes()) {
            json.writeStartObject();
            json.writeStringField("name", p.name());
            json.writeNumberField("pid", p.pid());
            json.writeStringField("state", p.state());
            json.writeStringField("ending", p.ending());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeCounters("vmstat", r.vmstat(), json);
        writeCounters("meminfo", r.meminfo(), json);
        json.writeArrayFieldStart("dmesg");
        for (String line : r.dmesg()) {
            json.writeString(line);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeExpectation(ExpectationResult e, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("line", e.line());
        json.writeStringField("text", e.text());
        json.writeStringField("label", e.label());
        json.writeStringField("status", e.status().jsonName());
        json.writeNumberField("points", e.points());
        json.writeNumberField("max_points", e.maxPoints());
        json.writeStringField("actual", e.actual());
        json.writeStringField("message", e.message());
        json.writeEndObject();
    }

    private static void writeCounters(String name, Map<String, Long> values, JsonGenerator json) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
