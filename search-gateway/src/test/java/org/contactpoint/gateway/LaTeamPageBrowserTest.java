package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LA team's screens in a real headless Chromium over the real gateway, signed in at a real Keycloak
 * ({@link RealKeycloak}) as an LA manager, with audit-service and identity-service as their REST contracts
 * ({@link LaTeamServicesStandIn}): the manager creates an account, suspends it, sees an investigation and closes it
 * with an outcome by keyboard alone, reads the views of protected children, registers a partner organisation and opens
 * the reports; the suspended person's next request is refused and the page says so in words. The team's menu is not
 * shown to a practitioner. axe-core on every screen.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
@QuarkusTestResource(LaTeamServicesStandIn.class)
@QuarkusTestResource(value = RealKeycloak.class, restrictToAnnotatedClass = true)
class LaTeamPageBrowserTest {

    private PageBrowser page;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        page = PageBrowser.start();
        browser = page.driver();
        wait = page.waitUpTo(Duration.ofSeconds(120));
    }

    @AfterEach
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void anLaManagerCreatesAndSuspendsAnAccountClosesAnInvestigationAndOpensTheReports() throws Exception {
        String investigationId = LaTeamServicesStandIn.investigation("u-burst", "Mr Ian Trawler", "SEARCH_BURST",
                "E09000019").path("investigationId").asText();
        LaTeamServicesStandIn.ACCESS_NOTIFICATIONS.add(GatewayFixtures.JSON.createObjectNode()
                .put("notificationId", "6a1e2d4c-0b3f-4e5a-9c8d-7e6f5a4b3c2d").put("contactPointId", "CP1234567894")
                .put("viewedAt", "2026-12-05T14:02:00Z").put("purpose", "DIRECT_CARE").put("recordSequence", 44)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("vulnerabilities",
                        GatewayFixtures.JSON.createArrayNode().add("CHILD_PROTECTION_PLAN"))
                .set("viewer", GatewayFixtures.JSON.createObjectNode().put("userId", "gp").put("name", "Dr Alan Reid")
                        .put("organisation", "Rosebery Medical Practice")));
        try {
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-sign-in")));
            signIn(RealKeycloak.LA_MANAGER);
            assertThat(page.text("signed-in-as")).contains(RealKeycloak.LA_MANAGER_DISPLAY_NAME);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("la-team-nav")));
            browser.findElement(By.cssSelector("#la-team-nav a")).click();
            shown("la-team");
            page.checkScreen("la-team");

            // Accounts: create one (a mistake first, linked to its field), then suspend it.
            browser.findElement(By.cssSelector("#la-team a[data-go=la-accounts]")).click();
            shown("la-accounts");
            page.checkScreen("la-accounts");
            browser.findElement(By.cssSelector("#la-accounts a[data-go=la-account-create]")).click();
            shown("la-account-create");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#accountRoles input")));
            page.checkScreen("la-account-create");
            page.submit("la-account-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(page.text("error-list")).contains("Enter a username").contains("Enter their full name")
                    .contains("Choose what they may do");
            assertThat(browser.getTitle()).isEqualTo("Error: Create an account – ContactPoint");
            assertThat(browser.findElement(By.id("accountUsername")).getAttribute("aria-invalid")).isEqualTo("true");
            page.checkScreen("la-account-create-errors");
            // The social worker's account (the identity provider already knows her, as it would once created).
            browser.findElement(By.id("accountUsername")).sendKeys(RealKeycloak.USERNAME);
            browser.findElement(By.id("accountName")).sendKeys(RealKeycloak.DISPLAY_NAME);
            browser.findElement(By.id("accountEmail")).sendKeys("hannah.clarke@islington.example");
            browser.findElement(By.cssSelector("#accountRoles input[value=practitioner]")).click();
            browser.findElement(By.cssSelector("#accountRoles input[value=child-protection]")).click();
            page.submit("la-account-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"),
                    "Account created for " + RealKeycloak.DISPLAY_NAME));
            shown("la-accounts");
            assertThat(page.text("la-accounts-list")).contains(RealKeycloak.DISPLAY_NAME).contains("Active")
                    .contains("Look children up and record their own work with them");
            assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.method().equals("POST")
                    && r.path().equals("/accounts") && r.body().contains("\"child-protection\"")
                    && r.authorization().startsWith("Bearer "));
            page.checkScreen("la-account-created");

            rowOf(RealKeycloak.DISPLAY_NAME).findElements(By.tagName("a")).stream()
                    .filter(a -> a.getText().startsWith("Suspend")).findFirst().orElseThrow().click();
            shown("la-account-change");
            assertThat(browser.getTitle()).isEqualTo("Suspend the account – ContactPoint");
            page.checkScreen("la-account-suspend");
            page.submit("la-account-change-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(page.text("error-list")).contains("Say why");
            browser.findElement(By.id("accountReason")).sendKeys("On leave while a complaint is looked into");
            page.submit("la-account-change-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"),
                    "account is suspended. They are refused from their next request."));
            assertThat(rowOf(RealKeycloak.DISPLAY_NAME).getText()).contains("Suspended")
                    .contains("On leave while a complaint is looked into");
            page.checkScreen("la-account-suspended");

            // An investigation, closed with an outcome by keyboard alone.
            browser.findElement(By.cssSelector("#la-team-nav a")).click();
            shown("la-team");
            tabUntil(e -> "Misuse investigations".equals(e.getText()));
            active().sendKeys(Keys.ENTER);
            shown("la-investigations");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("investigation-" + investigationId)));
            assertThat(page.text("investigation-" + investigationId)).contains("Open").contains("A burst of searches")
                    .contains("Mr Ian Trawler").contains("Suspended at once by the alert").contains("6 December 2026");
            page.checkScreen("la-investigations");
            tabUntil(e -> String.valueOf(e.getAttribute("textContent")).equals("Close with an outcome (Mr Ian Trawler)"));
            active().sendKeys(Keys.ENTER);
            shown("la-investigation-close");
            assertThat(active().getTagName()).isEqualTo("h1");
            page.checkScreen("la-investigation-close");
            // A group of radios is one tab stop (the first, none being chosen); the arrow keys choose within it.
            tabUntil(e -> "outcome".equals(e.getAttribute("name")));
            active().sendKeys(Keys.ARROW_DOWN);
            assertThat(active().getAttribute("value")).isEqualTo("MISUSE_CONFIRMED");
            assertThat(active().isSelected()).isTrue();
            tabUntil(e -> "investigationNote".equals(e.getAttribute("id")));
            active().sendKeys("Searched for a neighbour's children; referred to the head teacher");
            tabUntil(e -> "Close the investigation".equals(e.getText()));
            active().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"),
                    "The investigation into Mr Ian Trawler is closed: Misuse confirmed."));
            assertThat(page.text("la-investigations-list")).doesNotContain("Mr Ian Trawler");
            assertThat(LaTeamServicesStandIn.INVESTIGATIONS.get(investigationId).path("outcome").asText())
                    .isEqualTo("MISUSE_CONFIRMED");
            page.checkScreen("la-investigation-closed");

            // Views of protected children, read with a reason.
            browser.findElement(By.cssSelector("#la-team-nav a")).click();
            browser.findElement(By.cssSelector("#la-team a[data-go=la-access-notifications]")).click();
            shown("la-access-notifications");
            new Select(browser.findElement(By.id("accessPurpose"))).selectByValue("SAFEGUARDING");
            page.submit("la-access-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("la-access-list"), "Dr Alan Reid"));
            assertThat(page.text("la-access-list")).contains("Child protection plan").contains("5 December 2026")
                    .contains("Rosebery Medical Practice");
            page.checkScreen("la-access-notifications");

            // A partner organisation registered.
            browser.findElement(By.cssSelector("#la-team-nav a")).click();
            browser.findElement(By.cssSelector("#la-team a[data-go=la-partners]")).click();
            shown("la-partners");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#partnerRoles input")));
            browser.findElement(By.id("partnerCode")).sendKeys("CH1089464");
            browser.findElement(By.id("partnerName")).sendKeys("Islington Young Carers");
            browser.findElement(By.cssSelector("#partnerRoles input[value=practitioner]")).click();
            page.submit("la-partner-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("la-partners-list"),
                    "Islington Young Carers"));
            page.checkScreen("la-partners");

            // Reports: figures with no one's details.
            browser.findElement(By.cssSelector("#la-team-nav a")).click();
            browser.findElement(By.cssSelector("#la-team a[data-go=la-reports]")).click();
            shown("la-reports");
            page.checkScreen("la-reports");
            browser.findElement(By.id("figuresFrom-day")).sendKeys("1");
            browser.findElement(By.id("figuresFrom-month")).sendKeys("11");
            browser.findElement(By.id("figuresFrom-year")).sendKeys("2026");
            browser.findElement(By.id("figuresTo-day")).sendKeys("30");
            browser.findElement(By.id("figuresTo-month")).sendKeys("11");
            browser.findElement(By.id("figuresTo-year")).sendKeys("2026");
            browser.findElement(By.id("la-usage")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("la-figures-result"),
                    "How ContactPoint is used"));
            assertThat(page.text("la-figures-result")).contains("Break glass accesses").contains("Hillside Primary School");
            assertThat(LaTeamServicesStandIn.RECEIVED).anyMatch(r -> r.path()
                    .equals("/usage-reports?from=2026-11-01&to=2026-11-30"));
            page.checkScreen("la-usage-report");
            browser.findElement(By.id("la-data-quality")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("la-figures-result"),
                    "Suspected duplicates"));
            assertThat(page.text("la-figures-result")).contains("Records received").contains("school-census")
                    .contains("1,200");
            page.checkScreen("la-data-quality");

            // The suspended social worker signs in: her next request is refused, in words.
            browser.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-ended"),
                    "You have signed out."));
            signIn(RealKeycloak.USERNAME);
            assertThat(browser.findElement(By.id("la-team-nav")).isDisplayed()).as("the team's menu").isFalse();
            new Select(browser.findElement(By.id("purpose"))).selectByValue("SAFEGUARDING");
            browser.findElement(By.id("contactPointId")).sendKeys(GatewayFixtures.newContactPointId());
            page.submit("search-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(page.text("error-list"))
                    .contains("This account is suspended; your local authority's ContactPoint team can say why");
            page.checkScreen("la-suspended-account-refused");
        } catch (RuntimeException | AssertionError e) {
            page.screenshot("failure-la-team");
            throw e;
        }
    }

    private void signIn(String username) {
        browser.findElement(By.id("provider-sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(RealKeycloak.password());
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
    }

    private void shown(String screen) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(screen)));
    }

    private WebElement rowOf(String name) {
        return wait.until(driver -> driver.findElements(By.cssSelector("#la-accounts-list tbody tr")).stream()
                .filter(row -> row.getText().contains(name)).findFirst().orElse(null));
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private void tabUntil(Predicate<WebElement> reached) {
        for (int i = 0; i < 80; i++) {
            active().sendKeys(Keys.TAB);
            if (reached.test(active())) {
                return;
            }
        }
        throw new AssertionError("Not reached by keyboard within 80 tabs; focus is on " + active().getTagName()
                + " " + active().getAttribute("id") + " '" + active().getText() + "'");
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port + "/";
    }
}
