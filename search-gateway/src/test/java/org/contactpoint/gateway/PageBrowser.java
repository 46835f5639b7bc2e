package org.contactpoint.gateway;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium (Debian's chromium and chromium-driver) for the page's browser tests, with axe-core run in the
 * page (no WCAG 2.0, 2.1 or 2.2 A/AA violation) and screenshots kept under {@code target/browser/}. Fails, never skips,
 * when Chromium is missing.
 */
final class PageBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final Path SCREENSHOTS = Path.of("target", "browser");

    private final WebDriver driver;
    private final String axeSource;

    private PageBrowser(WebDriver driver, String axeSource) {
        this.driver = driver;
        this.axeSource = axeSource;
    }

    static PageBrowser start() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver must be installed (deploy/local/test-all installs them)")
                .isTrue();
        String axe = Files.readString(AXE);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1200,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new PageBrowser(driver, axe);
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void submit(String formId) {
        driver.findElement(By.cssSelector("#" + formId + " button[type=submit]")).click();
    }

    /** A screenshot, then axe-core in the page: no WCAG 2.0, 2.1 or 2.2 A/AA violation on this screen. */
    void checkScreen(String name) throws Exception {
        screenshot(name);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(axeSource + "\n;"
                + "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
                + " 'wcag22a', 'wcag22aa']}, resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as("axe-core on the %s screen", name).isEmpty();
    }

    void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
