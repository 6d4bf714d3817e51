package dev.keygate.db;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Jdbi's {@code <attribute>} templates, parsed once per statement text, with the DAO method a
 * statement comes from prepended as a comment naming it ({@code KeyDao.find}), as Dropwizard's
 * {@code NamePrependingTemplateEngine} does, so pg_stat_activity still shows where it came from.
 *
 * <p>Why not Dropwizard's: it renders the template again on every statement, and rendering runs a
 * lexer over the whole text; the spend writer's one statement of 3,000 characters spent most of its
 * CPU there (JFR). A {@link TemplateEngine.Parsing} engine's parse is cached by Jdbi per template.
 */
final class NamedStatementTemplates implements TemplateEngine.Parsing {

    private final DefinedAttributeTemplateEngine attributes = new DefinedAttributeTemplateEngine();

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return attributes.parse(template, config).map(render -> context -> named(render.apply(context), context));
    }

    private static String named(String sql, StatementContext context) {
        ExtensionMethod method = context.getExtensionMethod();
        if (method == null) {
            return sql;
        }
        String type = method.getType().getSimpleName();
        return "/* " + (type.isEmpty() ? "" : type + ".") + method.getMethod().getName() + " */ " + sql;
    }
}
