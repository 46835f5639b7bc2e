package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * The practitioner page signs in at a real identity provider ({@link RealKeycloak}, the local realm's page client) by
 * the authorization code flow with PKCE, in a real headless Chromium over the real gateway, PostgreSQL and Kafka:
 * Keycloak's own login form, then a search and a record, then sign-out at Keycloak (the next sign-in asks for the
 * password again); a forged answer (wrong state) is refused; the access token is refreshed before it expires, and the
 * session ends with a clear message once Keycloak has ended it. axe-core on every screen of the page. Without
 * Chromium or Keycloak's distribution the test fails.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(value = RealKeycloak.class, restrictToAnnotatedClass = true)
class CodeFlowSignInBrowserTest {

    private PageBrowser page;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        page = PageBrowser.start();
        browser = page.driver();
        // Generous: every step through Keycloak is a navigation to another JVM on a machine shared with many builds.
        wait = page.waitUpTo(Duration.ofSeconds(120));
    }

    @AfterEach
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void aPractitionerSignsInAtTheIdentityProviderFindsAChildAndSignsOut() throws Exception {
        String family = GatewayFixtures.uniqueFamilyName("Achterberg");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String id = newContactPointId();
        GatewayFixtures.sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Maud", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("12 Lock Street"), "London", "N1 7AA"), null),
                List.of(), List.of(), "E09000019", null, List.of(), Instant.now()), ChildEventTypes.REGISTERED);
        GatewayFixtures.sendInvolvement(GatewayFixtures.involvement(UUID.randomUUID().toString(), id, 1,
                "HEALTH_VISITOR", "Islington Health Visiting", "Ms Ada Oyelaran", "020 7946 0666"));
        await("child", () -> heldVersion(id) == 1 && involvementCount(id) == 1);

        // The page may fetch from the issuer (discovery, token, refresh) and nowhere else.
        String issuerOrigin = URI.create(RealKeycloak.issuer()).resolve("/").toString().replaceAll("/$", "");
        assertThat(given().get("/").header("Content-Security-Policy"))
                .contains("connect-src 'self' " + issuerOrigin + ";");

        try {
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-sign-in")));
            assertThat(browser.findElement(By.id("token-sign-in")).isDisplayed()).as("token entry is off").isFalse();
            page.checkScreen("code-flow-sign-in");

            signInAtKeycloak();
            assertThat(page.text("signed-in-as")).contains(RealKeycloak.DISPLAY_NAME);
            assertThat(browser.getCurrentUrl()).isEqualTo(base()).doesNotContain("code=");
            assertThat(script("return localStorage.length")).isEqualTo(0L);
            assertThat((String) script("return sessionStorage.getItem('cp-sign-in')")).isNull();
            page.checkScreen("code-flow-search");

            new Select(browser.findElement(By.id("purpose"))).selectByValue("SAFEGUARDING");
            browser.findElement(By.id("familyName")).sendKeys(family);
            browser.findElement(By.id("dateOfBirth-day")).sendKeys(String.valueOf(dob.getDayOfMonth()));
            browser.findElement(By.id("dateOfBirth-month")).sendKeys(String.valueOf(dob.getMonthValue()));
            browser.findElement(By.id("dateOfBirth-year")).sendKeys(String.valueOf(dob.getYear()));
            page.submit("search-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results-table tbody tr")));
            assertThat(page.text("results-table")).contains("Maud " + family);
            page.checkScreen("code-flow-results");
            browser.findElement(By.cssSelector("#results-table tbody tr a")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record")));
            assertThat(page.text("record")).contains("Islington Health Visiting").contains("12 Lock Street");
            page.checkScreen("code-flow-record");

            // Signing out ends the identity provider's session too: the next sign-in asks for the password again.
            browser.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-ended"),
                    "You have signed out."));
            assertThat(browser.getCurrentUrl()).isEqualTo(base());
            assertThat((String) script("return sessionStorage.getItem('cp-session')")).isNull();
            page.checkScreen("code-flow-signed-out");
            browser.findElement(By.id("provider-sign-in")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        } catch (RuntimeException | AssertionError e) {
            page.screenshot("failure-code-flow");
            throw e;
        }
    }

    @Test
    void aForgedAnswerIsRefusedAndTheSessionIsRefreshedUntilTheIdentityProviderEndsIt() throws Exception {
        try {
            // An answer whose state is not the one this tab sent: refused, nothing exchanged.
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-sign-in")));
            browser.findElement(By.id("provider-sign-in")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            browser.get(base() + "#state=forged&code=stolen&iss=" + RealKeycloak.issuer());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(page.text("error-list")).contains("The sign-in could not be completed");
            assertThat(browser.findElement(By.id("search")).isDisplayed()).isFalse();
            assertThat(browser.getCurrentUrl()).doesNotContain("stolen");
            page.checkScreen("code-flow-refused");

            signInAtKeycloak();
            String first = accessToken();
            // The page client's tokens live 45 s; the page asks for a fresh one 30 s before expiry.
            page.waitUpTo(Duration.ofSeconds(120)).until(driver -> !first.equals(accessToken()));

            RealKeycloak.endSessionsAtTheIdentityProvider();
            page.waitUpTo(Duration.ofSeconds(120)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("sign-in-ended"), "Your session has ended. Sign in again to carry on."));
            assertThat(browser.findElement(By.id("search")).isDisplayed()).isFalse();
            assertThat((String) script("return sessionStorage.getItem('cp-session')")).isNull();
            page.checkScreen("code-flow-session-ended");
        } catch (RuntimeException | AssertionError e) {
            page.screenshot("failure-code-flow-session");
            throw e;
        }
    }

    private void signInAtKeycloak() {
        browser.findElement(By.id("provider-sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        String login = browser.getCurrentUrl();
        assertThat(login).startsWith(RealKeycloak.issuer() + "/protocol/openid-connect/auth?")
                .contains("client_id=contactpoint-page").contains("code_challenge_method=S256")
                .contains("code_challenge=").contains("state=").contains("nonce=").contains("response_mode=fragment")
                .doesNotContain("secret");
        browser.findElement(By.id("username")).sendKeys(RealKeycloak.USERNAME);
        browser.findElement(By.id("password")).sendKeys(RealKeycloak.password());
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
    }

    private String accessToken() {
        String session = (String) script("return sessionStorage.getItem('cp-session')");
        return session == null ? "" : session.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port + "/";
    }
}
