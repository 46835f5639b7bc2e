package org.contactpoint.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.events.involvement.InvolvementEvent;
import org.contactpoint.testing.RealInfrastructure;
import org.contactpoint.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;

/**
 * The practitioner page in a real headless Chromium (Debian's chromium and chromium-driver) over the real gateway,
 * PostgreSQL and Kafka: sign in, search (errors first), results with grades and why a child is offered, a shielded
 * record, breaking the glass, ending and recording one's own involvement, asking for brokered contact, the
 * organisation's notifications; a journey by keyboard alone; a pasted token checked, and the session ended when it
 * expires. axe-core runs on every screen: no WCAG 2.2 A or AA
 * violation. Screenshots of every screen go to {@code target/browser/}. Without Chromium the test fails.
 * Self-service requests reach {@link InvolvementServiceStandIn}, which records what the gateway forwarded.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@QuarkusTestResource(InvolvementServiceStandIn.class)
class PractitionerPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static final String SOCIAL_CARE_ORG = "LA-E09000019";

    private WebDriver browser;
    private WebDriverWait wait;
    private String axeSource;

    @BeforeEach
    void startBrowser() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver must be installed (deploy/local/test-all installs them)")
                .isTrue();
        axeSource = Files.readString(AXE);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1200,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void socialWorkerFindsAShieldedChildBreaksTheGlassAndManagesTheirOwnInvolvement() throws Exception {
        String family = GatewayFixtures.uniqueFamilyName("Lindqvist");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String id = newContactPointId();
        GatewayFixtures.sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Freya", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("3 Quiet Close"), "Safeton", "N1 9ZZ"), null),
                List.of(), List.of(), "E09000019", new ChildEvent.Shield(Instant.now(), dob.plusYears(18)),
                List.of(), Instant.now()), ChildEventTypes.SHIELDED);
        String gp = UUID.randomUUID().toString();
        String socialCare = UUID.randomUUID().toString();
        String sensitive = UUID.randomUUID().toString();
        String pastSchool = UUID.randomUUID().toString();
        GatewayFixtures.sendInvolvement(GatewayFixtures.involvement(gp, id, 1, "GP", "Quiet Lane Surgery", "Dr Moss",
                "020 7946 0300"));
        GatewayFixtures.sendInvolvement(new InvolvementEvent(socialCare, id, 1, InvolvementEvent.Status.ACTIVE,
                "CHILDRENS_SOCIAL_CARE", false, new InvolvementEvent.Organisation("Islington Children's Social Care",
                SOCIAL_CARE_ORG), new InvolvementEvent.Practitioner("Ms Hannah Clarke", "Social worker"),
                new InvolvementEvent.Contact("020 7527 0000", "hannah.clarke@islington.example.gov.uk"),
                LocalDate.of(2024, 1, 8), null, false, false, "case-system", Instant.now()));
        GatewayFixtures.sendInvolvement(new InvolvementEvent(pastSchool, id, 2, InvolvementEvent.Status.CEASED,
                "SCHOOL", false, new InvolvementEvent.Organisation("Old Mill Infant School", "URN100777"), null,
                new InvolvementEvent.Contact("020 7946 0777", null), LocalDate.of(2019, 9, 2),
                LocalDate.of(2022, 7, 20), false, false, "agency-system", Instant.now()));
        GatewayFixtures.sendInvolvement(GatewayFixtures.sensitiveInvolvement(sensitive, id));
        await("child", () -> heldVersion(id) == 1 && involvementCount(id) == 4);
        String notificationId = UUID.randomUUID().toString();
        InvolvementServiceStandIn.INBOX.add("{\"notificationId\":\"" + notificationId + "\",\"type\":"
                + "\"involvement.notification.moved-local-authority.v1\",\"contactPointId\":\"" + id + "\","
                + "\"message\":\"This child has moved to Westminster.\",\"localAuthority\":\"E09000033\","
                + "\"previousLocalAuthority\":\"E09000019\",\"occurredAt\":\"2026-11-30T09:15:00Z\"}");

        try {
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-sign-in")));
            assertThat(browser.getTitle()).isEqualTo("Sign in – ContactPoint");
            checkScreen("sign-in");
            new Select(browser.findElement(By.id("demo-user"))).selectByValue("social-worker");
            browser.findElement(By.cssSelector("#demo-sign-in button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
            assertThat(text("signed-in-as")).contains("Ms Hannah Clarke");
            checkScreen("search");

            // Errors: a summary linked to each field, the fields marked invalid, the title says so.
            browser.findElement(By.id("familyName")).sendKeys(family);
            browser.findElement(By.id("dateOfBirth-day")).sendKeys(String.valueOf(dob.getDayOfMonth()));
            browser.findElement(By.id("dateOfBirth-month")).sendKeys("13");
            browser.findElement(By.id("dateOfBirth-year")).sendKeys(String.valueOf(dob.getYear()));
            submit("search-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(browser.getTitle()).startsWith("Error: Find a child");
            assertThat(active().getAttribute("id")).isEqualTo("error-summary");
            assertThat(links("#error-list a")).containsExactly("#purpose", "#dateOfBirth-month");
            assertThat(browser.findElement(By.id("purpose")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.id("dateOfBirth-month")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.id("dateOfBirth-day")).getAttribute("aria-invalid")).isNull();
            checkScreen("search-errors");
            browser.findElement(By.cssSelector("#error-list a[href='#purpose']")).click();
            assertThat(active().getAttribute("id")).isEqualTo("purpose");

            new Select(browser.findElement(By.id("purpose"))).selectByValue("SAFEGUARDING");
            browser.findElement(By.id("dateOfBirth-month")).clear();
            browser.findElement(By.id("dateOfBirth-month")).sendKeys(String.valueOf(dob.getMonthValue()));
            submit("search-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results-table tbody tr")));
            assertThat(browser.getTitle()).isEqualTo("Search results – ContactPoint");
            WebElement row = browser.findElement(By.cssSelector("#results-table tbody tr"));
            assertThat(row.getText()).contains("Freya " + family).contains("Exact match").contains("Shielded")
                    .contains(dob.getDayOfMonth() + " " + month(dob) + " " + dob.getYear()).contains("Female")
                    .doesNotContain("FEMALE");
            assertThat(row.findElement(By.cssSelector("td:nth-child(4) .govuk-tag")).getAttribute("class"))
                    .contains("govuk-tag--green");
            checkScreen("results");

            row.findElement(By.tagName("a")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record")));
            assertThat(text("banners")).contains("Shielded child").contains("This child is shielded")
                    .contains("A sensitive service is involved — contact via the LA management team");
            assertThat(text("record")).doesNotContain("Quiet Close").doesNotContain("N1 9ZZ")
                    .doesNotContain("Quiet Lane Surgery").contains("Withheld").doesNotContain("E09000019")
                    .doesNotContain("Islington");
            checkScreen("record-shielded");

            browser.findElement(By.xpath("//button[normalize-space()='Break the glass']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("break-glass-form")));
            submit("break-glass-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(browser.findElement(By.id("break-glass-reason")).getAttribute("aria-invalid")).isEqualTo("true");
            checkScreen("break-glass-errors");
            browser.findElement(By.id("break-glass-reason")).sendKeys("Strategy discussion: child missing from home");
            submit("break-glass-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("record"), "Quiet Close"));
            assertThat(text("banners")).contains("Break-glass view");
            String record = text("record");
            assertThat(record).contains("Quiet Lane Surgery").contains("N1 9ZZ").contains("Islington")
                    .doesNotContain("E09000019").contains("GP practice");
            // The lead professional first; the school that has worked with the child apart from current services.
            List<WebElement> current = browser.findElements(By.cssSelector("#record-current .govuk-summary-card"));
            assertThat(current.get(0).getText()).contains("GP practice").contains("Lead professional");
            assertThat(text("record-past")).contains("Old Mill Infant School").contains("20 July 2022");
            assertThat(text("record-current")).doesNotContain("Old Mill Infant School");
            assertThat(browser.findElement(By.cssSelector("#record-current a[href^='tel:']")).getAttribute("href"))
                    .isEqualTo("tel:02079460300");
            assertThat(links("#record-current a[href^='mailto:']"))
                    .contains("mailto:hannah.clarke@islington.example.gov.uk");
            checkScreen("record-break-glass");

            // End their own involvement (the social care one is the social worker's organisation's).
            browser.findElement(By.xpath("//a[starts-with(normalize-space(), 'End your involvement')]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("end-involvement-form")));
            checkScreen("end-involvement");
            submit("end-involvement-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"), "Your involvement is ended"));
            InvolvementServiceStandIn.Received ceased = received("/involvements/" + socialCare + "/cease");
            assertThat(ceased.authorization()).startsWith("Bearer ");
            assertThat(json(ceased.body()).path("endDate").asText()).isEqualTo(LocalDate.now().toString());

            // Record a new involvement: errors first, then a good one.
            browser.findElement(By.xpath("//button[normalize-space()='Record that you work with this child']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("involvement-form")));
            submit("involvement-form");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(links("#error-list a")).containsExactly("#serviceType", "#contactPhone", "#startDate-day");
            checkScreen("record-involvement-errors");
            new Select(browser.findElement(By.id("serviceType"))).selectByValue("EARLY_HELP");
            browser.findElement(By.id("practitionerRole")).sendKeys("Family support worker");
            browser.findElement(By.id("contactPhone")).sendKeys("020 7527 1111");
            LocalDate started = LocalDate.now().minusMonths(1);
            browser.findElement(By.id("startDate-day")).sendKeys(String.valueOf(started.getDayOfMonth()));
            browser.findElement(By.id("startDate-month")).sendKeys(String.valueOf(started.getMonthValue()));
            browser.findElement(By.id("startDate-year")).sendKeys(String.valueOf(started.getYear()));
            browser.findElement(By.id("leadProfessional")).click();
            submit("involvement-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"), "Your involvement is recorded"));
            JsonNode submitted = json(received("/involvements").body());
            assertThat(submitted.path("contactPointId").asText()).isEqualTo(id);
            assertThat(submitted.path("serviceType").asText()).isEqualTo("EARLY_HELP");
            assertThat(submitted.path("startDate").asText()).isEqualTo(started.toString());
            assertThat(submitted.path("leadProfessional").asBoolean()).isTrue();
            assertThat(submitted.path("contact").path("phone").asText()).isEqualTo("020 7527 1111");
            assertThat(submitted.path("practitioner").path("name").asText()).isEqualTo("Ms Hannah Clarke");
            assertThat(submitted.path("submissionId").asText()).startsWith("page-");
            checkScreen("record-after-self-service");

            // Ask for brokered contact with the hidden service.
            browser.findElement(By.xpath("//a[starts-with(normalize-space(), 'Ask to be put in touch')]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("brokering-form")));
            checkScreen("request-brokering");
            browser.findElement(By.id("brokeringReason")).sendKeys("Planning a strategy meeting this week");
            browser.findElement(By.id("requesterContact")).sendKeys("020 7527 0000");
            submit("brokering-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success-text"), "Your request is sent"));
            JsonNode brokering = json(received("/involvements/" + sensitive + "/brokering-requests").body());
            assertThat(brokering.path("reason").asText()).isEqualTo("Planning a strategy meeting this week");

            // The organisation's notifications, read with a purpose, one acknowledged.
            browser.findElement(By.cssSelector("#service-nav a[data-go='notifications']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notifications-form")));
            new Select(browser.findElement(By.id("notificationsPurpose"))).selectByValue("SAFEGUARDING");
            submit("notifications-form");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notification-list"),
                    "This child has moved to Westminster."));
            assertThat(text("notification-list")).contains("30 November 2026").contains("New")
                    .contains("Islington").doesNotContain("E09000033");
            assertThat(received("/notifications?page=0&size=50").purpose()).isEqualTo("SAFEGUARDING");
            checkScreen("notifications");
            browser.findElement(By.xpath("//a[starts-with(normalize-space(), 'Mark as read')]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notification-list"), "Read"));
            received("/notifications/" + notificationId + "/acknowledgement");
            checkScreen("notifications-read");
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure-journey");
            throw e;
        }
    }

    @Test
    void aTeacherFindsAChildAndReachesTheSchoolNurseByKeyboardAlone() throws Exception {
        String family = GatewayFixtures.uniqueFamilyName("Okonjo");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String id = newContactPointId();
        GatewayFixtures.sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Alexandra", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("8 Canal Walk"), "London", "N1 8AA"), null),
                List.of(), List.of(), "E09000019", null, List.of(), Instant.now()), ChildEventTypes.REGISTERED);
        GatewayFixtures.sendInvolvement(GatewayFixtures.involvement(UUID.randomUUID().toString(), id, 1,
                "SCHOOL_NURSE", "Islington School Nursing", "Ms Joy Ade", "020 7946 0555"));
        await("child", () -> heldVersion(id) == 1 && involvementCount(id) == 1);

        try {
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-sign-in")));
            tab();
            assertThat(active().getText()).isEqualTo("Skip to main content");
            tabUntil(e -> "demo-user".equals(e.getAttribute("id")));
            active().sendKeys("Ms Priya");
            tabUntil(e -> "Sign in".equals(e.getText()));
            active().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
            assertThat(active().getTagName()).isEqualTo("h1");

            tabUntil(e -> "purpose".equals(e.getAttribute("id")));
            active().sendKeys("Dir");
            tabUntil(e -> "familyName".equals(e.getAttribute("id")));
            active().sendKeys(family, Keys.TAB, "Sasha");
            tabUntil(e -> "dateOfBirth-day".equals(e.getAttribute("id")));
            active().sendKeys(String.valueOf(dob.getDayOfMonth()), Keys.TAB, String.valueOf(dob.getMonthValue()),
                    Keys.TAB, String.valueOf(dob.getYear()), Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results-table tbody tr")));
            assertThat(active().getText()).isEqualTo("Search results");

            // Offered by a nickname: graded, and the page says why.
            String row = browser.findElement(By.cssSelector("#results-table tbody tr")).getText();
            assertThat(row).contains("Strong match").contains("Why offered: a nickname or short form of the given name");
            checkScreen("keyboard-results");
            tabUntil(e -> ("Alexandra " + family).equals(e.getText()));
            active().sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record")));
            assertThat(active().getAttribute("id")).isEqualTo("record-heading");
            tabUntil(e -> "tel:02079460555".equals(e.getAttribute("href")));
            assertThat(text("record")).contains("School nurse").contains("8 Canal Walk").contains("Islington");
            checkScreen("keyboard-record");
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure-keyboard");
            throw e;
        }
    }

    @Test
    void aPastedTokenIsCheckedAndTheSessionEndsWhenItExpires() throws Exception {
        try {
            browser.get(base());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-sign-in")));
            String expired = TestTokens.user("expired-" + UUID.randomUUID()).roles("practitioner")
                    .issuedAt(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)).sign();
            browser.findElement(By.id("token")).sendKeys(expired);
            submit("token-sign-in");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
            assertThat(links("#error-list a")).containsExactly("#token");
            assertThat(text("error-list")).contains("This token has expired");
            assertThat(browser.findElement(By.id("token")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.getTitle()).isEqualTo("Error: Sign in – ContactPoint");
            checkScreen("sign-in-expired-token");

            // A token with seconds to live: signed in, then signed out when it expires.
            String shortLived = TestTokens.user("short-" + UUID.randomUUID()).roles("practitioner").name("Mr Short Lived")
                    .issuedAt(Instant.now().minus(Duration.ofSeconds(55)), Duration.ofSeconds(60)).sign();
            browser.findElement(By.id("token")).clear();
            browser.findElement(By.id("token")).sendKeys(shortLived);
            submit("token-sign-in");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
            assertThat(text("signed-in-as")).contains("Mr Short Lived");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-ended"), "Your session has ended"));
            assertThat(browser.findElement(By.id("search")).isDisplayed()).isFalse();
            assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('cp-session')")).isNull();
            checkScreen("session-ended");
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure-session");
            throw e;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String base() {
        return "http://localhost:" + RestAssured.port + "/";
    }

    private WebElement active() {
        return browser.switchTo().activeElement();
    }

    private void tab() {
        active().sendKeys(Keys.TAB);
    }

    private void tabUntil(Predicate<WebElement> reached) {
        for (int i = 0; i < 60; i++) {
            tab();
            if (reached.test(active())) {
                return;
            }
        }
        throw new AssertionError("Not reached by keyboard within 60 tabs; focus is on " + active().getTagName()
                + " " + active().getAttribute("id") + " '" + active().getText() + "'");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private List<String> links(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(a -> a.getDomAttribute("href")).toList();
    }

    private void submit(String formId) {
        browser.findElement(By.cssSelector("#" + formId + " button[type=submit]")).click();
    }

    private static String month(LocalDate date) {
        String name = date.getMonth().name();
        return name.charAt(0) + name.substring(1).toLowerCase();
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private static InvolvementServiceStandIn.Received received(String pathAndQuery) {
        await("involvement-service received " + pathAndQuery, () -> InvolvementServiceStandIn.RECEIVED.stream()
                .anyMatch(r -> r.path().equals(pathAndQuery)));
        return InvolvementServiceStandIn.RECEIVED.stream().filter(r -> r.path().equals(pathAndQuery))
                .reduce((first, second) -> second).orElseThrow();
    }

    /** A screenshot, then axe-core in the page: no WCAG 2.0, 2.1 or 2.2 A/AA violation on this screen. */
    private void checkScreen(String name) throws Exception {
        screenshot(name);
        Object violations = ((JavascriptExecutor) browser).executeAsyncScript(axeSource + "\n;"
                + "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
                + " 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as("axe-core on the %s screen", name).isEmpty();
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
