package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestJwtKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's headers and asset names (issue 21): a Content-Security-Policy with no inline script or style and no
 * framing; the page never stored; every asset it names has its content's hash in the name and is cached for a year,
 * and nothing else is.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
class PractitionerPageHeadersTest {

    private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");

    @Test
    void thePageIsNeverStoredAndForbidsInlineScriptAndFraming() {
        for (String path : List.of("/", "/index.html")) {
            Response page = given().get(path);
            assertThat(page.statusCode()).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).as("CSP of %s", path).contains("default-src 'none'", "script-src 'self'",
                    "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.header("Cache-Control")).isEqualTo("no-store");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        String html = given().get("/").asString();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style")
                .doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
    }

    @Test
    void everyAssetThePageNamesCarriesItsHashAndIsCachedForAYear() {
        String html = given().get("/").asString();
        Matcher reference = ASSET_REFERENCE.matcher(html);
        int assets = 0;
        while (reference.find()) {
            String path = reference.group(1);
            assertThat(path).matches("/assets/[\\w-]+-[0-9a-f]{16}(\\.\\w+)+");
            Response asset = given().get(path);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.header("Cache-Control")).as(path).isEqualTo("public, max-age=31536000, immutable");
            assets++;
        }
        assertThat(assets).as("stylesheets, the module script and icons").isGreaterThanOrEqualTo(4);
        assertThat(html).contains("type=\"module\"");
        // A name the build never made is not given a year's cache.
        Response unknown = given().get("/assets/app-0000000000000000.js");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.header("Cache-Control")).isNotEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void thePageLearnsWhereToSignInAndFetchesFromNowhereElse() {
        Response config = given().get("/page-config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.header("Cache-Control")).isEqualTo("no-store");
        assertThat(config.jsonPath().getString("issuer")).isEqualTo(TestJwtKeys.ISSUER);
        assertThat(config.jsonPath().getString("clientId")).isEqualTo("contactpoint-page");
        assertThat(config.asString()).doesNotContainIgnoringCase("secret");
        assertThat(given().get("/").header("Content-Security-Policy"))
                .contains("connect-src 'self' " + TestJwtKeys.ISSUER + ";");
    }
}
