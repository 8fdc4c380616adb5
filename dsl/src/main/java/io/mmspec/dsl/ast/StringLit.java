package io.mmspec.dsl.ast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A string literal. {@code value} has its escapes resolved ({@code \xHH} becomes the char
 * U+00HH); {@code source} is the literal as written, quotes included. {@link #bytes()} gives
 * the bytes a process writes: {@code \xHH} as that raw byte, every other character in UTF-8.
 */
public record StringLit(String value, String source, Span span) {

    /** The bytes this literal stands for (see the class comment). */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = source.substring(1, source.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) && i + 1 < body.length() ? i + 2 : i + 1;
                out.writeBytes(body.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '0' -> out.write(0);
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.write(e); // \\ and \"
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return source;
    }
}
