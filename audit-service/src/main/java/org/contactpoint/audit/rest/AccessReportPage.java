package org.contactpoint.audit.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** The subject access report as a page a person can read (and print). Every value is HTML-escaped. */
final class AccessReportPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm:ss", java.util.Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    private AccessReportPage() {
    }

    static String render(AccessReport report) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Access report</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}</style></head><body>
                """);
        html.append("<h1>Who has accessed the record of ").append(escape(report.childId())).append("</h1>\n");
        html.append("<p>").append(report.totalAccesses()).append(" access(es), newest first. Generated ")
                .append(escape(WHEN.format(report.generatedAt()))).append(" (UK time).");
        if (report.shielded()) {
            html.append(" This child's details are protected: what was searched for, the viewers' organisations and"
                    + " the reasons given for revealing protected details are withheld.");
        }
        html.append("</p>\n<table><thead><tr><th>When (UK time)</th><th>Who</th><th>Organisation</th><th>What</th>"
                + "<th>Why</th><th>Details</th></tr></thead><tbody>\n");
        for (AccessReport.Access access : report.accesses()) {
            html.append("<tr><td>").append(escape(WHEN.format(access.occurredAt())))
                    .append("</td><td>").append(escape(access.name() == null ? access.userId() : access.name()))
                    .append("</td><td>").append(access.detailsWithheld() ? "withheld" : escape(access.organisation()))
                    .append("</td><td>").append(escape(access.action())).append(" (").append(escape(access.outcome()))
                    .append(") via ").append(escape(access.service()))
                    .append("</td><td>").append(escape(access.purpose()));
            if (access.brokeGlass()) {
                html.append("<br>Protected details revealed: ").append(access.breakGlassReason() == null ? "reason withheld"
                        : escape(access.breakGlassReason()));
            }
            html.append("</td><td>").append(details(access)).append("</td></tr>\n");
        }
        return html.append("</tbody></table></body></html>\n").toString();
    }

    private static String details(AccessReport.Access access) {
        if (access.detailsWithheld()) {
            return "withheld";
        }
        String query = access.query() == null ? "" : access.query().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> escape(e.getKey()) + ": " + escape(e.getValue())).collect(Collectors.joining("<br>"));
        return access.otherChildren() > 0 ? query + "<br>(" + access.otherChildren() + " other children in the answer)"
                : query;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
