package dev.keygate.behavior;

import static dev.keygate.behavior.HostileRoutes.object;
import static dev.keygate.behavior.HostileRoutes.str;

import dev.keygate.behavior.HostileRoutes.Field;
import dev.keygate.behavior.HostileRoutes.Fixture;
import dev.keygate.behavior.HostileRoutes.Json;
import dev.keygate.behavior.HostileRoutes.Kind;
import dev.keygate.behavior.HostileRoutes.Shape;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generator of the hostile-input suite: ten families of malformed requests, each a small class,
 * all drawing from one seeded {@link Random} so that a seed replays a run request for request.
 *
 * <p>Five families mutate one input of a route at a time (every body field, or every query
 * parameter of a GET), on a base request that is otherwise sound: wrong JSON types, huge strings,
 * control characters, deep nesting, bad numbers. Five work on the request as a whole: unknown
 * fields, invalid JSON, content types (and Accept, litellm-changed-by), query parameters, and the
 * framing only a raw socket can write ({@link RawHttp}).
 */
final class HostileInputs {

    /** One family: how many requests it makes per route and caller, and how it makes the n-th. */
    interface Family {
        String name();

        int targets(Shape shape);

        HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture);
    }

    /** One planned request: a family's {@code target}-th request on a route, as a caller. */
    record Cell(Family family, Shape shape, int target, HostileCaller caller) {
        HostileRequest make(Random random, Fixture fixture) {
            return family.make(random, shape, target, caller, fixture);
        }
    }

    static final List<Family> FAMILIES = List.of(new WrongTypes(), new HugeStrings(), new ControlCharacters(),
            new DeepNesting(), new BadNumbers(), new UnknownFields(), new InvalidJson(), new ContentTypes(),
            new QueryParameters(), new RawFraming());

    /** A query parameter no route has: what the field families mutate on routes with no input at all. */
    private static final Field UNKNOWN_PARAM = new Field("fz", Kind.TEXT);

    private HostileInputs() {}

    /**
     * Every family on every target of every route as every caller, repeated until at least
     * {@code minimum} requests, in an order shuffled by {@code random}.
     */
    static List<Cell> plan(List<Shape> shapes, int minimum, Random random) {
        List<Cell> pass = new ArrayList<>();
        for (Shape shape : shapes) {
            for (Family family : FAMILIES) {
                for (int target = 0; target < family.targets(shape); target++) {
                    for (HostileCaller caller : HostileCaller.values()) {
                        pass.add(new Cell(family, shape, target, caller));
                    }
                }
            }
        }
        List<Cell> cells = new ArrayList<>();
        while (cells.size() < minimum) {
            cells.addAll(pass);
        }
        Collections.shuffle(cells, random);
        return cells;
    }

    // ---- the five families that mutate one input ------------------------------------------------

    /** Sets one field (or query parameter) of the base request to a hostile value. */
    abstract static class OneInput implements Family {
        private final String name;

        OneInput(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int targets(Shape shape) {
            return Math.max(1, shape.fields().size()) * perField();
        }

        /** Requests per field and caller. */
        int perField() {
            return 1;
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            int index = target / perField();
            Field field = shape.fields().isEmpty() ? UNKNOWN_PARAM : shape.fields().get(index);
            // Which of the field's requests this is, counting every caller's: 0 to perField() * 3 - 1,
            // turned by the field's index so that each caller gets each variant on some field.
            int callers = HostileCaller.values().length;
            int variant = (target % perField() * callers + caller.ordinal() + index) % (perField() * callers);
            String path = path(random, shape, fixture);
            if (!shape.takesBody()) {
                Map<String, String> query = baseQuery(shape);
                query.put(encode(field.name()), queryValue(random, field));
                return HostileRequest.http(name, caller, shape.method(), path + queryString(query), Map.of(), null);
            }
            Map<String, String> body = new LinkedHashMap<>(shape.base());
            body.put(field.name(), bodyValue(random, field, fixture, variant));
            return HostileRequest.json(name, caller, shape.method(), path, object(body));
        }

        /** The hostile value as JSON text; {@code variant} tells a field's requests apart. */
        abstract String bodyValue(Random random, Field field, Fixture fixture, int variant);

        /** The hostile value as a percent-encoded query value. */
        abstract String queryValue(Random random, Field field);
    }

    /** A value of another JSON type than the field's (string for number, number for string, containers, null, booleans). */
    static final class WrongTypes extends OneInput {
        private static final List<String> VALUES = List.of("\"fz-text\"", "\"\"", "\"12\"", "\"true\"", "12", "-3.5", "0",
                "true", "false", "null", "[]", "[\"fz\"]", "[1,2]", "[null]", "[[]]", "{}", "{\"a\":1}", "{\"fz\":[]}");
        /** Wrong inside a value of the right type: the elements of a list, the numbers of an object, a member's fields. */
        private static final Map<Kind, List<String>> INSIDE = Map.of(
                Kind.NAMES, List.of("[null]", "[12]", "[true]", "[{}]", "[[\"a\"]]", "[\"ok\",5]", "[\"ok\",null]"),
                Kind.IDS, List.of("[null]", "[12]", "[false]", "[{}]", "[[\"a\"]]", "[\"\"]", "[\"fz\",null]"),
                Kind.OBJECT, List.of("{\"gpt-4o\":null}", "{\"gpt-4o\":\"ten\"}", "{\"gpt-4o\":{\"budget_limit\":\"x\"}}",
                        "{\"gpt-4o\":[1]}", "{\"gpt-4o\":true}", "{\"gpt-4o\":{\"budget_limit\":10,\"time_period\":5}}"),
                Kind.MEMBERS, List.of("[null]", "{\"user_id\":12}", "{\"user_id\":[]}", "{\"role\":5}", "{\"role\":\"owner\"}",
                        "{\"user_email\":{}}", "[{\"user_id\":true}]", "[1]", "[\"u\"]", "{\"user_id\":null}",
                        "{\"max_budget_in_team\":\"x\"}", "{}"),
                Kind.ENUM, List.of("\"OWNER\"", "\"not_a_value\"", "\" admin\""),
                Kind.TEXT, List.of("\"30x\"", "\"-1d\"", "\"99999999999d\"", "\"1mo1\"", "\"d30\""));
        private static final List<String> QUERY = List.of("abc", "", "true", "[1]", "{}", "null", "1.5", "-", " ", "1,2",
                "a b", "[]");

        WrongTypes() {
            super("wrong-type");
        }

        /**
         * Six per field (two per caller): each of the five other JSON types once, then a value wrong
         * inside one of the right type, half the time the first of them (a null element: lists are
         * where a null slips past validation).
         */
        @Override
        int perField() {
            return 2;
        }

        @Override
        String bodyValue(Random random, Field field, Fixture fixture, int variant) {
            List<Json> otherTypes = Stream.of(Json.values()).filter(type -> type != field.kind().type).toList();
            if (variant < otherTypes.size()) {
                Json type = otherTypes.get(variant);
                return pick(random, VALUES.stream().filter(value -> typeOf(value) == type).toList());
            }
            List<String> inside = new ArrayList<>(INSIDE.getOrDefault(field.kind(), List.of()));
            if (inside.isEmpty()) {
                return pick(random, VALUES.stream().filter(value -> typeOf(value) != field.kind().type).toList());
            }
            return random.nextBoolean() ? inside.get(0) : pick(random, inside);
        }

        @Override
        String queryValue(Random random, Field field) {
            return encode(pick(random, QUERY));
        }

        private static Json typeOf(String json) {
            return switch (json.charAt(0)) {
                case '"' -> Json.STRING;
                case '[' -> Json.ARRAY;
                case '{' -> Json.OBJECT;
                case 't', 'f' -> Json.BOOLEAN;
                case 'n' -> Json.NULL;
                default -> Json.NUMBER;
            };
        }
    }

    /** Strings past the documented limits, up to 70,000 characters, wherever a string can go. */
    static final class HugeStrings extends OneInput {
        HugeStrings() {
            super("huge-string");
        }

        @Override
        String bodyValue(Random random, Field field, Fixture fixture, int variant) {
            int limit = field.kind().limit > 0 ? field.kind().limit : 256;
            String text = text(random, pick(random, List.of(limit + 1, 2 * limit, 10_000, 70_000)));
            return place(random, field.kind(), text, () -> random.nextBoolean()
                    ? str("9".repeat(text.length()))
                    : "9".repeat(Math.min(text.length(), 5_000)));
        }

        @Override
        String queryValue(Random random, Field field) {
            int limit = field.name().equals("user_email") ? 320 : 256;
            return encode(text(random, pick(random, List.of(limit + 1, 1_000, 9_000, 17_000))));
        }
    }

    /** NUL, other C0 characters, DEL and lone surrogates: escaped in JSON (sometimes raw), percent-encoded in queries. */
    static final class ControlCharacters extends OneInput {
        private static final List<String> CHARACTERS = List.of("\u0000", "\u0001", "\u0008", "\u001b", "\u001f", "\u007f",
                "\ud800", "\udfff", "\udbffA", "\ud800\u0000", "\u2028", "\ufeff", "\uffff");
        private static final List<String> QUERY = List.of("%00", "%01", "%1B", "%7F", "%ED%A0%80", "%ED%BF%BF", "%FF",
                "%C0%80", "%0D%0A", "%E2%80%A8", "%EF%BB%BF", "%F4%90%80%80");

        ControlCharacters() {
            super("control-chars");
        }

        @Override
        String bodyValue(Random random, Field field, Fixture fixture, int variant) {
            String character = pick(random, CHARACTERS);
            String text = "fz" + character + "x";
            if (random.nextInt(5) == 0 && character.charAt(0) < 0x20) {
                // Unescaped inside a JSON string: not JSON at all.
                return "\"fz" + character + "x\"";
            }
            if (field.kind() == Kind.OBJECT && random.nextBoolean()) {
                return "{\"a\":{" + str(text) + ":1}}";
            }
            return place(random, field.kind(), text, () -> str("1" + character));
        }

        @Override
        String queryValue(Random random, Field field) {
            return "fz" + pick(random, QUERY) + "x";
        }
    }

    /** Arrays and objects nested from 33 (one past the limit) to 50,000 levels, as a field or the whole body. */
    static final class DeepNesting extends OneInput {
        private static final List<Integer> DEPTHS = List.of(33, 100, 999, 1_000, 1_001, 5_000, 50_000);

        DeepNesting() {
            super("deep-nesting");
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            if (shape.takesBody() && random.nextInt(4) == 0) {
                return HostileRequest.json(name(), caller, shape.method(), path(random, shape, fixture),
                        nested(random, pick(random, DEPTHS)));
            }
            return super.make(random, shape, target, caller, fixture);
        }

        @Override
        String bodyValue(Random random, Field field, Fixture fixture, int variant) {
            return nested(random, pick(random, DEPTHS));
        }

        @Override
        String queryValue(Random random, Field field) {
            int depth = Math.min(2_000, pick(random, DEPTHS));
            return encode("[".repeat(depth) + "]".repeat(depth));
        }

        private static String nested(Random random, int depth) {
            return switch (random.nextInt(3)) {
                case 0 -> "[".repeat(depth) + "]".repeat(depth);
                case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                default -> "{\"a\":[".repeat(depth / 2) + "{}" + "]}".repeat(depth / 2);
            };
        }
    }

    /** Numbers past a double, past a long, negative, past numeric(20, 6), not numbers at all. */
    static final class BadNumbers extends OneInput {
        private static final List<String> NUMBERS = List.of("1e400", "-1e400", "-1", "-0", "-0.0", "1e14",
                "99999999999999.9999995", "100000000000000", "1e-400", "1e-999999999", "1e999999999", "0e-999999999",
                "0.1e-99999", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "9223372036854775807",
                "9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483647", "2147483648",
                "1.5", "0.0000001", "1" + "0".repeat(400), "0x10", "+1", ".5", "01", "1e", "1.", "-", "1E+2");
        private static final List<String> QUERY = List.of("1e400", "-1", "0", "2147483648", "9223372036854775808", "NaN",
                "Infinity", "0x10", "1.0", "+1", " 1", "01", "1e14", "-0", "1e-999999999", "99999999999999999999");

        /** Issue 8's numbers: each numeric field gets every one of them, the other fields random ones. */
        private static final List<String> ISSUE_8 = List.of("1e400", "-1", "1e14", "\"NaN\"", "9223372036854775808",
                "1e-999999999");

        BadNumbers() {
            super("bad-numbers");
        }

        /** Six per field (two per caller). */
        @Override
        int perField() {
            return 2;
        }

        @Override
        String bodyValue(Random random, Field field, Fixture fixture, int variant) {
            boolean numeric = field.kind().type == Json.NUMBER || field.kind() == Kind.OBJECT;
            String number = numeric ? ISSUE_8.get(variant % ISSUE_8.size()) : pick(random, NUMBERS);
            return switch (field.kind()) {
                case OBJECT -> pick(random, List.of("{\"gpt-4o\":" + number + "}",
                        "{\"gpt-4o\":{\"budget_limit\":" + number + ",\"time_period\":\"30d\"}}", "{\"a\":[" + number + "]}"));
                case MEMBERS -> "{\"user_id\":" + str(fixture.otherUser()) + ",\"max_budget_in_team\":" + number + "}";
                case NAMES, IDS -> "[" + number + "]";
                default -> number;
            };
        }

        @Override
        String queryValue(Random random, Field field) {
            return encode(pick(random, QUERY));
        }
    }

    // ---- the five families that work on the whole request ---------------------------------------

    /** Families that make a few requests per route and caller, whatever its fields. */
    abstract static class WholeRequest implements Family {
        private final String name;
        private final int perRoute;

        WholeRequest(String name, int perRoute) {
            this.name = name;
            this.perRoute = perRoute;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int targets(Shape shape) {
            return perRoute;
        }
    }

    /** Fields no route has, real fields of other routes, near-misses of real names, and a field given twice. */
    static final class UnknownFields extends WholeRequest {
        private static final List<String> NAMES = List.of("fz_unknown", "keyAlias", "KEY_ALIAS", " key_alias",
                "key_alias ", "__proto__", "constructor", "", "$where", "user_role", "spend", "created_by", "token",
                "key_name", "organization_id", "team_id", "a.b", "metadata.x", "k\u0000", "k\ud800", "\u00e9t\u00e9");

        UnknownFields() {
            super("unknown-fields", 2);
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            List<String> names = new ArrayList<>(NAMES);
            names.add(text(random, 10_000));
            names.removeIf(name -> shape.fields().stream().anyMatch(field -> field.name().equals(name)));
            String path = path(random, shape, fixture);
            if (!shape.takesBody()) {
                Map<String, String> query = baseQuery(shape);
                query.put(encode(pick(random, names)), encode(text(random, 8)));
                return HostileRequest.http(name(), caller, shape.method(), path + queryString(query), Map.of(), null);
            }
            String body = object(shape.base());
            int extra = 1 + random.nextInt(3);
            for (int i = 0; i < extra; i++) {
                if (!shape.base().isEmpty() && random.nextInt(4) == 0) {
                    // The same field again, with another value: which one wins must not matter to safety.
                    String again = pick(random, new ArrayList<>(shape.base().keySet()));
                    body = withField(body, again, pick(random, WrongTypes.VALUES));
                } else {
                    body = withField(body, pick(random, names), pick(random, WrongTypes.VALUES));
                }
            }
            return HostileRequest.json(name(), caller, shape.method(), path, body);
        }

        private static String withField(String object, String name, String value) {
            String inside = object.substring(1, object.length() - 1);
            return "{" + inside + (inside.isEmpty() ? "" : ",") + str(name) + ":" + value + "}";
        }
    }

    /** Cut-off, broken and not-an-object bodies, and bytes that are not UTF-8. */
    static final class InvalidJson extends WholeRequest {
        private static final List<String> BROKEN = List.of("", "{", "}", "[", "{\"a\"", "{\"a\":}", "{'a':1}", "{a:1}",
                "[1,]", "{\"a\":1,}", "// c\n{}", "/* c */{}", "\ufeff{}", "null", "[]", "\"text\"", "123", "true", "{}{}",
                "{} x", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"unterminated", "{\"a\":01}", "{\"a\":NaN}",
                "{\"a\" 1}", "{,}", "\u0000", " ", "\n\n", "[null]", "{\"\":null}");

        InvalidJson() {
            super("invalid-json", 2);
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            String base = baseBody(shape);
            byte[] body = switch (random.nextInt(3)) {
                case 0 -> base.substring(0, random.nextInt(base.length())).getBytes(StandardCharsets.UTF_8);
                case 1 -> pick(random, BROKEN).getBytes(StandardCharsets.UTF_8);
                default -> notUtf8(random, base);
            };
            return HostileRequest.http(name(), caller, shape.method(), path(random, shape, fixture) + queryString(baseQuery(shape)),
                    Map.of("Content-Type", "application/json"), body);
        }

        /** The base body with bytes no UTF-8 text holds spliced into it. */
        private static byte[] notUtf8(Random random, String base) {
            byte[] bad = pick(random, List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0x80},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82}));
            String withMarker = base.length() > 2 ? base.substring(0, base.length() - 1) + ",\"fz\":\"#\"}" : "{\"fz\":\"#\"}";
            byte[] text = withMarker.getBytes(StandardCharsets.UTF_8);
            int at = withMarker.indexOf('#');
            byte[] out = new byte[text.length - 1 + bad.length];
            System.arraycopy(text, 0, out, 0, at);
            System.arraycopy(bad, 0, out, at, bad.length);
            System.arraycopy(text, at + 1, out, at + bad.length, text.length - at - 1);
            return out;
        }
    }

    /** Bodies under other content types (or none), odd Accept headers, and odd litellm-changed-by values. */
    static final class ContentTypes extends WholeRequest {
        private static final List<String> CONTENT_TYPES = List.of("", "text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=fz", "application/json; charset=utf-16",
                "application/json; charset=nope", "application/json; charset=", "application/json;;",
                "application/json; boundary=", "*/*", "application/*", "application/json-patch+json", "APPLICATION/JSON",
                "application/json; charset=\"utf-8\"", "application/jsonx", "json", "/", "text/json",
                "application/json, text/plain", "application/json; charset=iso-8859-1");
        private static final List<String> ACCEPTS = List.of("text/html", "application/xml", "*/*;q=0",
                "application/json;q=abc", "garbage/", "text/*, application/xml;q=0.9");
        private static final List<String> CHANGED_BY = List.of("x".repeat(300), "x".repeat(10_000), "", " ", "a\tb");

        ContentTypes() {
            super("content-type", 2);
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            Map<String, String> headers = new LinkedHashMap<>();
            String contentType = pick(random, CONTENT_TYPES);
            if (!contentType.isEmpty()) {
                headers.put("Content-Type", contentType);
            }
            if (random.nextInt(3) == 0) {
                headers.put("Accept", pick(random, ACCEPTS));
            }
            if (random.nextInt(4) == 0) {
                headers.put("litellm-changed-by", pick(random, CHANGED_BY));
            }
            return HostileRequest.http(name(), caller, shape.method(),
                    path(random, shape, fixture) + queryString(baseQuery(shape)), headers,
                    baseBody(shape).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Query parameters on any route: known and unknown names, bad types, huge values, control characters, odd syntax. */
    static final class QueryParameters extends WholeRequest {
        private static final List<String> NAMES = List.of("page", "size", "page_size", "key", "user_id", "team_id",
                "organization_id", "key_alias", "include_team_keys", "return_full_object", "sort_by", "sort_order",
                "role", "user_email", "fz", "a%5B%5D", "a%5Bb%5D", "%00", "k%ED%A0%80", "%FF", "");
        private static final List<String> SYNTAX = List.of("&&&", ";", "=", "=fz", "page", "page&page=2", "+",
                "page=1;size=2", "?", "%23");

        QueryParameters() {
            super("query", 2);
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            StringBuilder query = new StringBuilder(queryString(baseQuery(shape)));
            int extra = 1 + random.nextInt(3);
            for (int i = 0; i < extra; i++) {
                query.append(query.isEmpty() ? "?" : "&");
                if (random.nextInt(5) == 0) {
                    query.append(pick(random, SYNTAX));
                } else {
                    query.append(pick(random, NAMES)).append('=').append(value(random));
                }
            }
            byte[] body = shape.takesBody() ? object(shape.base()).getBytes(StandardCharsets.UTF_8) : null;
            return HostileRequest.http(name(), caller, shape.method(), path(random, shape, fixture) + query,
                    body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
        }

        private static String value(Random random) {
            Field any = new Field("fz", Kind.TEXT);
            return switch (random.nextInt(5)) {
                case 0 -> new WrongTypes().queryValue(random, any);
                case 1 -> new HugeStrings().queryValue(random, any);
                case 2 -> new ControlCharacters().queryValue(random, any);
                case 3 -> new BadNumbers().queryValue(random, any);
                default -> encode(text(random, 12));
            };
        }
    }

    /**
     * Framing and headers no HTTP client writes: bad and duplicate Content-Length, chunked bodies cut
     * short or badly sized, duplicate headers, huge headers, lowercase methods, absolute-form and
     * other odd targets, odd versions, broken header lines.
     */
    static final class RawFraming extends WholeRequest {

        /** What a variant builds from: the request line's parts, the caller's header lines and the body. */
        record Parts(String method, String target, String credential, String body, int port) {
            String head(String method, String target, String headers) {
                return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + credential + headers + "Connection: close\r\n\r\n";
            }

            String json(String headers) {
                return head(method, target, "Content-Type: application/json\r\n" + headers);
            }

            int length() {
                return body.getBytes(StandardCharsets.UTF_8).length;
            }
        }

        private static final Map<String, BiFunction<Random, Parts, String>> VARIANTS = variants();

        RawFraming() {
            super("raw-framing", 3);
        }

        @Override
        public HostileRequest make(Random random, Shape shape, int target, HostileCaller caller, Fixture fixture) {
            String requestTarget = path(random, shape, fixture) + queryString(baseQuery(shape));
            Parts parts = new Parts(shape.method(), requestTarget, caller.rawHeaders(),
                    shape.takesBody() ? object(shape.base()) : "", Keygate.api().port());
            String variant = pick(random, new ArrayList<>(VARIANTS.keySet()));
            String raw = VARIANTS.get(variant).apply(random, parts);
            // Written as ISO-8859-1 by RawHttp: the body's UTF-8 bytes, one char each.
            return HostileRequest.raw(name() + ":" + variant, caller, shape.method(), requestTarget, raw);
        }

        private static String utf8(String text) {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }

        private static Map<String, BiFunction<Random, Parts, String>> variants() {
            Map<String, BiFunction<Random, Parts, String>> v = new LinkedHashMap<>();
            v.put("content-length-not-a-number", (r, p) -> p.json("Content-Length: abc\r\n") + utf8(p.body()));
            v.put("content-length-negative", (r, p) -> p.json("Content-Length: -1\r\n") + utf8(p.body()));
            v.put("content-length-huge", (r, p) -> p.json("Content-Length: 99999999999999999999\r\n") + utf8(p.body()));
            v.put("content-length-past-the-body", (r, p) -> p.json("Content-Length: " + (p.length() + 100) + "\r\n") + utf8(p.body()));
            v.put("content-length-short-of-the-body", (r, p) -> p.json("Content-Length: " + p.length() / 2 + "\r\n") + utf8(p.body()));
            v.put("two-content-lengths", (r, p) -> p.json("Content-Length: " + p.length() + "\r\nContent-Length: "
                    + (p.length() + 1) + "\r\n") + utf8(p.body()));
            v.put("content-length-and-chunked", (r, p) -> p.json("Content-Length: " + p.length()
                    + "\r\nTransfer-Encoding: chunked\r\n") + chunked(p));
            v.put("chunked-cut-short", (r, p) -> p.json("Transfer-Encoding: chunked\r\n") + "40\r\n"
                    + utf8(p.body()).substring(0, Math.min(12, p.length())));
            v.put("chunked-bad-size", (r, p) -> p.json("Transfer-Encoding: chunked\r\n") + "zz\r\n" + utf8(p.body()) + "\r\n0\r\n\r\n");
            v.put("chunked-huge-size", (r, p) -> p.json("Transfer-Encoding: chunked\r\n") + "ffffffffffffffff\r\n" + utf8(p.body()));
            v.put("chunked-missing-crlf", (r, p) -> p.json("Transfer-Encoding: chunked\r\n")
                    + Integer.toHexString(p.length()) + "\r\n" + utf8(p.body()) + "0\r\n\r\n");
            v.put("chunked-with-trailer", (r, p) -> p.json("Transfer-Encoding: chunked\r\n") + chunked(p).replaceFirst(
                    "0\r\n\r\n$", "0\r\nX-Fz: 1\r\n\r\n"));
            v.put("transfer-encoding-gzip", (r, p) -> p.json("Transfer-Encoding: gzip, chunked\r\n") + chunked(p));
            v.put("duplicate-authorization", (r, p) -> p.json("Authorization: Bearer "
                    + (p.credential().contains(VerifyAnswers.MASTER_KEY) ? Actor.INTERNAL_USER.key() : VerifyAnswers.MASTER_KEY)
                    + "\r\nContent-Length: " + p.length() + "\r\n") + utf8(p.body()));
            v.put("duplicate-content-type", (r, p) -> p.json("Content-Type: text/plain\r\nContent-Length: " + p.length()
                    + "\r\n") + utf8(p.body()));
            v.put("duplicate-host", (r, p) -> p.json("Host: fz.invalid\r\nContent-Length: " + p.length() + "\r\n") + utf8(p.body()));
            v.put("huge-header", (r, p) -> p.json("X-Fz: " + "a".repeat(17_000) + "\r\n"));
            v.put("many-headers", (r, p) -> p.json(manyHeaders(500)));
            v.put("huge-authorization", (r, p) -> p.head(p.method(), p.target(), "Authorization: Bearer sk-"
                    + "a".repeat(10_000) + "\r\nContent-Length: 0\r\n"));
            v.put("lowercase-method", (r, p) -> p.head(p.method().toLowerCase(), p.target(), "Content-Length: 0\r\n"));
            v.put("mixed-case-method", (r, p) -> p.head(p.method().charAt(0) + p.method().substring(1).toLowerCase(),
                    p.target(), "Content-Length: 0\r\n"));
            v.put("absolute-form-target", (r, p) -> p.head(p.method(), "http://localhost:" + p.port() + p.target(),
                    "Content-Type: application/json\r\nContent-Length: " + p.length() + "\r\n") + utf8(p.body()));
            v.put("absolute-form-other-host", (r, p) -> p.head(p.method(), "http://fz.invalid" + p.target(),
                    "Content-Length: 0\r\n"));
            v.put("absolute-form-https", (r, p) -> p.head(p.method(), "https://localhost" + p.target(), "Content-Length: 0\r\n"));
            v.put("asterisk-target", (r, p) -> p.head(p.method(), "*", "Content-Length: 0\r\n"));
            v.put("authority-form-target", (r, p) -> p.head(p.method(), "localhost:80", "Content-Length: 0\r\n"));
            v.put("http-1.0-without-host", (r, p) -> p.method() + " " + p.target() + " HTTP/1.0\r\n" + p.credential() + "\r\n");
            v.put("unknown-version", (r, p) -> p.head(p.method(), p.target(), "Content-Length: 0\r\n")
                    .replaceFirst(" HTTP/1.1\r\n", pick(r, List.of(" HTTP/1.7\r\n", " HTTP/2.0\r\n", " HTTP/9\r\n", " HTP/1.1\r\n", "\r\n"))));
            v.put("missing-host", (r, p) -> p.head(p.method(), p.target(), "").replace("Host: localhost\r\n", ""));
            v.put("header-without-colon", (r, p) -> p.head(p.method(), p.target(), "X-Fz-No-Colon\r\n"));
            v.put("folded-header", (r, p) -> p.head(p.method(), p.target(), "X-Fz: a\r\n b\r\n"));
            v.put("space-before-colon", (r, p) -> p.head(p.method(), p.target(), "Content-Type : application/json\r\n"
                    + "Content-Length: " + p.length() + "\r\n") + utf8(p.body()));
            v.put("nul-in-header", (r, p) -> p.head(p.method(), p.target(), "X-Fz: a\u0000b\r\n"));
            v.put("bare-line-feeds", (r, p) -> p.json("Content-Length: " + p.length() + "\r\n").replace("\r\n", "\n") + utf8(p.body()));
            v.put("non-ascii-header", (r, p) -> p.head(p.method(), p.target(), utf8("litellm-changed-by: zo\u00eb\u00ff\r\n")));
            v.put("unknown-expectation", (r, p) -> p.json("Expect: fz\r\nContent-Length: " + p.length() + "\r\n") + utf8(p.body()));
            v.put("garbage-request-line", (r, p) -> pick(r, List.of("FZ\r\n\r\n", "GET\r\n\r\n", " / HTTP/1.1\r\n\r\n",
                    "GET / HTTP/1.1 extra\r\n\r\n", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000")));
            v.put("extra-spaces-in-request-line", (r, p) -> p.head(p.method(), " " + p.target() + " ", "Content-Length: 0\r\n"));
            v.put("encoded-slash-in-path", (r, p) -> p.head(p.method(), p.target().replaceFirst("/", "/%2F"), "Content-Length: 0\r\n"));
            v.put("dot-segments", (r, p) -> p.head(p.method(), "/key/../" + p.target().substring(1), "Content-Length: 0\r\n"));
            v.put("bad-percent-in-path", (r, p) -> p.head(p.method(), p.target() + "%zz", "Content-Length: 0\r\n"));
            v.put("body-on-a-request-without-length", (r, p) -> p.json("") + utf8(p.body()));
            return Collections.unmodifiableMap(v);
        }

        private static String chunked(Parts p) {
            return Integer.toHexString(p.length()) + "\r\n" + utf8(p.body()) + "\r\n0\r\n\r\n";
        }

        private static String manyHeaders(int count) {
            StringBuilder headers = new StringBuilder();
            for (int i = 0; i < count; i++) {
                headers.append("X-Fz-").append(i).append(": v\r\n");
            }
            return headers.toString();
        }
    }

    // ---- shared pieces --------------------------------------------------------------------------

    /**
     * A value placed where {@code kind} takes text: the string itself, the element of a list, a value
     * or key of an object, a member's id or email; for numbers and booleans, {@code otherwise}.
     */
    private static String place(Random random, Kind kind, String text, java.util.function.Supplier<String> otherwise) {
        return switch (kind) {
            case ID, ALIAS, TEXT, ENUM, ROUTE -> str(text);
            case EMAIL -> str(text + "@fz.dev");
            case NAMES, IDS -> "[" + str(text) + "]";
            case OBJECT -> random.nextBoolean() ? "{\"fz\":" + str(text) + "}" : "{" + str(text) + ":1}";
            case MEMBERS -> random.nextBoolean() ? "{\"user_id\":" + str(text) + "}" : "{\"user_email\":" + str(text + "@fz.dev") + "}";
            case BUDGET, RATE, INT, BOOL -> otherwise.get();
        };
    }

    /** The route's path; a {@code {key}} is the fixture's key or one nobody has. */
    static String path(Random random, Shape shape, Fixture fixture) {
        String key = random.nextBoolean() ? fixture.key() : "sk-fz-missing-" + text(random, 16);
        return HostileRoutes.concrete(shape.template(), encode(key));
    }

    /** The base body as JSON text; {@code {}} for a GET, whose base is its query. */
    static String baseBody(Shape shape) {
        return shape.takesBody() ? object(shape.base()) : "{}";
    }

    /** The base query (GET routes), names and values percent-encoded, in order; mutable. */
    static Map<String, String> baseQuery(Shape shape) {
        Map<String, String> query = new LinkedHashMap<>();
        if (!shape.takesBody()) {
            shape.base().forEach((name, value) -> query.put(encode(name), encode(value)));
        }
        return query;
    }

    static String queryString(Map<String, String> encoded) {
        return encoded.isEmpty() ? "" : encoded.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("&", "?", ""));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    /** Random text of {@code length} characters, mostly ASCII with the odd two- and three-byte character. */
    static String text(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(64);
            out.append(roll == 0 ? '\u00e9' : roll == 1 ? '\u4e2d' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
