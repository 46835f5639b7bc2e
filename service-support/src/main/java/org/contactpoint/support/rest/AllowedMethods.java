package org.contactpoint.support.rest;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which HTTP methods the service's resources answer on a path, for the {@code Allow} header of a 405 (RFC 9110
 * 15.5.6): Quarkus REST refuses an unknown method without one. Read once from the resources' JAX-RS annotations;
 * unremovable because the problem mapper looks it up rather than injecting it.
 */
@ApplicationScoped
@Unremovable
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");

    private final BeanManager beans;
    private volatile Map<Pattern, Set<String>> routes;

    public AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods allowed on {@code path}, comma-separated as {@code Allow} wants them; empty when no route matches. */
    public String on(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Map.Entry<Pattern, Set<String>> route : routes().entrySet()) {
            if (route.getKey().matcher(path).matches()) {
                allowed.addAll(route.getValue());
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
        }
        return String.join(", ", allowed);
    }

    private Map<Pattern, Set<String>> routes() {
        Map<Pattern, Set<String>> known = routes;
        if (known == null) {
            known = read();
            routes = known;
        }
        return known;
    }

    private Map<Pattern, Set<String>> read() {
        Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verbOf(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String template = join(root.value(), sub == null ? "" : sub.value());
                byTemplate.computeIfAbsent(template, t -> new TreeSet<>()).add(verb);
            }
        }
        Map<Pattern, Set<String>> compiled = new LinkedHashMap<>();
        byTemplate.forEach((template, verbs) -> compiled.put(regex(template), verbs));
        return compiled;
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        List<String> parts = new ArrayList<>();
        while (parameter.find()) {
            parts.add(Pattern.quote(template.substring(last, parameter.start())));
            parts.add(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            last = parameter.end();
        }
        parts.add(Pattern.quote(template.substring(last)));
        parts.forEach(regex::append);
        return Pattern.compile(regex + "/?");
    }
}
