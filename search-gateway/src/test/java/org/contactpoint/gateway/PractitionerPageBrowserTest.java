package org.contactpoint.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.contactpoint.events.identity.ChildEvent;
import org.contactpoint.events.identity.ChildEventTypes;
import org.contactpoint.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpoint.gateway.GatewayFixtures.await;
import static org.contactpoint.gateway.GatewayFixtures.heldVersion;
import static org.contactpoint.gateway.GatewayFixtures.involvementCount;
import static org.contactpoint.gateway.GatewayFixtures.newContactPointId;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The practitioner page in a real headless Chromium (Debian's chromium and chromium-driver): demo sign-in, a search
 * with a purpose, graded results, a shielded record with its banners, and breaking the glass with a reason.
 * Screenshots go to {@code target/browser/}.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PractitionerPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void socialWorkerSignsInFindsAShieldedChildAndBreaksTheGlass() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        String family = GatewayFixtures.uniqueFamilyName("Lindqvist");
        LocalDate dob = GatewayFixtures.uniqueDateOfBirth();
        String id = newContactPointId();
        GatewayFixtures.sendChild(new ChildEvent(id, 1, ChildEvent.ChildStatus.ACTIVE, null,
                new ChildEvent.PersonName("Freya", family), List.of(), null, dob, ChildEvent.Gender.FEMALE, null,
                new ChildEvent.Whereabouts(ChildEvent.Whereabouts.Kind.CURRENT_ADDRESS,
                        new ChildEvent.Address(List.of("3 Quiet Close"), "Safeton", "N1 9ZZ"), null),
                List.of(), List.of(), "E09000019", new ChildEvent.Shield(Instant.now(), dob.plusYears(18)),
                List.of(), Instant.now()), ChildEventTypes.SHIELDED);
        GatewayFixtures.sendInvolvement(GatewayFixtures.involvement(UUID.randomUUID().toString(), id, 1, "GP",
                "Quiet Lane Surgery", "Dr Moss", "020 7946 0300"));
        GatewayFixtures.sendInvolvement(GatewayFixtures.sensitiveInvolvement(UUID.randomUUID().toString(), id));
        await("child", () -> heldVersion(id) == 1 && involvementCount(id) == 2);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        Path screenshots = Path.of("target", "browser");
        Files.createDirectories(screenshots);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get("http://localhost:" + RestAssured.port + "/");
            assertThat(browser.getTitle()).contains("ContactPoint");

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-sign-in")));
            new Select(browser.findElement(By.id("demo-user"))).selectByValue("social-worker");
            browser.findElement(By.cssSelector("#demo-sign-in button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-form")));
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("Ms Hannah Clarke");

            // Searching without a purpose is stopped on the page, with a message.
            browser.findElement(By.id("familyName")).sendKeys(family);
            browser.findElement(By.id("dateOfBirth")).sendKeys(dob.toString());
            browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
            assertThat(browser.findElement(By.id("message")).getText()).contains("Choose why you are looking");

            new Select(browser.findElement(By.id("purpose"))).selectByValue("SAFEGUARDING");
            browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results-table tbody tr")));
            WebElement row = browser.findElement(By.cssSelector("#results-table tbody tr"));
            assertThat(row.getText()).contains("Freya " + family).contains("exact match").contains("shielded");
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("results-heading");
            screenshot(browser, screenshots.resolve("results.png"));

            row.findElement(By.tagName("button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("record")));
            String banners = browser.findElement(By.id("banners")).getText();
            assertThat(banners).contains("This child is shielded")
                    .contains("A sensitive service is involved — contact via the LA management team");
            String record = browser.findElement(By.id("record")).getText();
            assertThat(record).doesNotContain("Quiet Close").doesNotContain("N1 9ZZ")
                    .doesNotContain("Quiet Lane Surgery").contains("Withheld")
                    // The responsible local authority names the area the child lives in (issue 16, item 5).
                    .doesNotContain("E09000019");

            browser.findElement(By.id("break-glass")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("break-glass-dialog")));
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("break-glass-reason");
            browser.findElement(By.id("break-glass-reason")).sendKeys("Strategy discussion: child missing from home");
            browser.findElement(By.id("break-glass-confirm")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("record"), "Quiet Close"));
            assertThat(browser.findElement(By.id("banners")).getText()).contains("Break-glass view");
            assertThat(browser.findElement(By.id("record")).getText()).contains("Quiet Lane Surgery")
                    .contains("N1 9ZZ").contains("E09000019");
            screenshot(browser, screenshots.resolve("record-break-glass.png"));
        } catch (RuntimeException | AssertionError e) {
            screenshot(browser, screenshots.resolve("failure.png"));
            throw e;
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(WebDriver browser, Path target) throws Exception {
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
