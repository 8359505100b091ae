package dev.engram.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for the console tests: waits,
 * screenshots, and the browser console's log. No browser download ever happens: the paths are
 * Debian's (or {@code ENGRAM_CHROMIUM} and {@code ENGRAM_CHROMEDRIVER}), and a missing one
 * fails the test with how to install it, never skips it.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ENGRAM_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("ENGRAM_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Dimension DESKTOP = new Dimension(1280, 800);
  static final Dimension PHONE = new Dimension(390, 844);
  /** Long enough for the first search, which loads the in-jar embedding model on a loaded machine. */
  static final Duration WAIT = Duration.ofSeconds(60);

  final ChromeDriver driver;
  private final Path shots;
  private final WebDriverWait wait;

  Browser(Path shots) {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("the console tests need Chromium and its driver at " + CHROMIUM + " and " + DRIVER
            + ": run scripts/setup-browser.sh (apt-get install -y --no-install-recommends chromium"
            + " chromium-driver), or set ENGRAM_CHROMIUM and ENGRAM_CHROMEDRIVER")
        .isTrue();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--no-first-run", "--disable-extensions", "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    this.shots = shots;
    // The console re-renders a page when its data arrives: an element found a moment before may
    // be replaced, so waits look again instead of failing on it.
    this.wait = new WebDriverWait(driver, WAIT);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    size(DESKTOP);
  }

  /** Sets the viewport (not the window) to {@code d}, as a device of that size shows the page. */
  void size(Dimension d) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", d.width,
        "height", d.height, "deviceScaleFactor", 1, "mobile", d.width < 600));
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** The text of the visible element of {@code css}, read again if the page replaced it meanwhile. */
  String text(String css) {
    return wait.until(d -> {
      WebElement e = d.findElement(By.cssSelector(css));
      return e.isDisplayed() ? e.getText() : null;
    });
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The first visible element of {@code css} whose text contains {@code text}. */
  WebElement withText(String css, String text) {
    return wait.until(d -> d.findElements(By.cssSelector(css)).stream()
        .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
  }

  void until(String what, Predicate<ChromeDriver> condition) {
    wait.withMessage(what).until(d -> condition.test(driver));
  }

  /** The labelled control named {@code label} (by its label element or aria-label). */
  WebElement field(String label) {
    return wait.until(d -> {
      for (WebElement l : d.findElements(By.tagName("label"))) {
        if (l.isDisplayed() && l.getText().strip().equals(label)) {
          return d.findElement(By.id(l.getAttribute("for")));
        }
      }
      return null;
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(shots);
      Path file = shots.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The browser console's entries since the last call, at warning level or worse, except network
   * failures the flow expects (a 401 for a bad key); a CSP violation, a script error or an
   * unexpected failed request all show here.
   */
  List<String> problems(String... expectedNetwork) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> java.util.Arrays.stream(expectedNetwork).noneMatch(m::contains))
        .toList();
  }

  /** Every input, select and text area that is shown has a label or an aria-label. */
  List<String> unlabelled() {
    @SuppressWarnings("unchecked")
    List<String> out = (List<String>) js("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && !e.classList.contains('visually-hidden'))
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.outerHTML);""");
    return out;
  }

  /** True when the page is no wider than the viewport (nothing to scroll sideways). */
  boolean fitsWidth() {
    return (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
