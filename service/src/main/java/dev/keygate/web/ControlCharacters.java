package dev.keygate.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Text with control characters is refused at the door: NUL cannot be stored by Postgres at all
 * (it failed deep in a query, as a 500), and the other C0 characters have no place in ids, names
 * or metadata. Tab, line feed and carriage return stay allowed (descriptions in metadata).
 * JSON strings anywhere in a body are 422 naming the field (keys nested inside free JSON objects
 * are checked by {@link JsonObjectCheck}); query parameters 400 naming the parameter
 * ({@link QueryParameterFilter}). The value is never echoed.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    public static boolean contains(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** For the application's ObjectMapper: every string value and object key in a request body. */
    public static SimpleModule jacksonModule() {
        SimpleModule module = new SimpleModule("keygate-control-characters");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        return module;
    }

    private static final class CheckedStrings extends StdScalarDeserializer<String> {
        CheckedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && contains(value)) {
                return (String) context.handleWeirdStringValue(String.class, value, "contains a control character");
            }
            return value;
        }
    }

    private static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (contains(key)) {
                return context.handleWeirdKey(String.class, key, "contains a control character");
            }
            return key;
        }
    }
}
