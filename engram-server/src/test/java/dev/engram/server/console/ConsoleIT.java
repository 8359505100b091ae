package dev.engram.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.Settings;
import dev.engram.server.EngramServer;
import dev.engram.server.ServerConfig;
import dev.engram.server.ServerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium against a real server on loopback (real Lucene on
 * disk, the in-jar embedder): sign in, upload and search with the span highlighted, a change of
 * residence on the memory timeline and at a past as-of time, an answer whose citation opens its
 * span, erase with typed confirmation, key management, and a bad key's error. Every flow ends
 * with no error in the browser console; screenshots go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  static final String ADMIN = "console-admin-key-0123456789abcdef0123456789abcdef";
  static final Path SHOTS = Path.of("target", "console-screenshots");
  static final String WARRANTY = """
      # Orbit Hub Warranty

      ## Coverage

      Orbit Devices warrants the Orbit Hub against defects in materials and workmanship for two
      years from the date of purchase. The warranty covers repair or replacement of the hub.

      ## European Union

      In the European Union the warranty period is three years. Claims go through the shop
      where the hub was bought.

      ## Exclusions

      The warranty does not cover damage caused by water, drops, or opening the case.
      """;

  @TempDir static Path tmp;
  static EngramServer server;
  static Api api;
  static Browser browser;
  static String key;

  @BeforeAll
  static void start() {
    browser = new Browser(SHOTS); // first: without a browser there is nothing to test
    Path data = tmp.resolve("data");
    ServerEngine engine = ServerEngine.open(data, Optional.empty(), Optional.empty(), Optional.empty(),
        Settings.defaults());
    server = EngramServer.start(engine, ServerConfig.defaults(data).withAddress("127.0.0.1", 0)
        .withAdminKey(Optional.of(ADMIN)), line -> { });
    api = new Api(server.url());
    key = api.post("/v1/admin/keys", ADMIN, Map.of("tenant", "acme", "name", "console test"))
        .json().get("key").asText();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void no_console_errors() {
    browser.size(Browser.DESKTOP);
  }

  /** Signs in on the login screen with the keyboard only: the key field has the focus. */
  void signIn(String k) {
    browser.open(server.url() + "/");
    browser.js("sessionStorage.clear();");
    browser.open(server.url() + "/");
    browser.find("form.login");
    browser.driver.switchTo().activeElement().sendKeys(k, Keys.ENTER);
  }

  @Test
  @Order(1)
  void should_sign_in_with_a_tenant_key_and_show_the_overview() {
    Api.Reply page = api.get("/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(api.get("/console/app.js", null).contentType()).startsWith("text/javascript");
    assertThat(api.get("/console/nothing.js", null).body()).contains("ENGRAM-980");

    signIn(key);
    WebElement heading = browser.withText("h1", "Overview of tenant");
    assertThat(heading.getText()).contains("acme");
    assertThat(browser.withText(".card", "Embedding model").getText()).contains("lucene").contains("384 dimensions");
    assertThat(browser.all("nav a").stream().map(WebElement::getText)).containsExactly(
        "Overview", "Documents", "Search", "Memory", "Ask");
    assertThat(browser.js("return sessionStorage.getItem('engram.key')")).isEqualTo(key);
    assertThat(browser.driver.getCurrentUrl()).doesNotContain(key);
    assertThat(browser.unlabelled()).isEmpty();
    browser.screenshot("01-overview");
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(2)
  void should_upload_by_drop_then_search_and_highlight_the_span() throws Exception {
    signIn(key);
    browser.withText("h1", "Overview");
    browser.open(server.url() + "/#/documents");
    browser.find(".drop");
    assertThat(browser.unlabelled()).isEmpty();
    // A drop as the browser makes it from a drag of a file: a DataTransfer holding a File.
    browser.js("""
        const dt = new DataTransfer();
        dt.items.add(new File([arguments[0]], 'warranty.md', { type: 'text/markdown' }));
        document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        """, WARRANTY);
    browser.withText(".uploads li", "added:");
    assertThat(browser.find(".uploads progress").getDomProperty("value")).isEqualTo("1");
    browser.withText("td a", "Orbit Hub Warranty");
    browser.screenshot("02-documents");

    // The keyboard's way in: the file picker behind the drop zone; then delete after confirming.
    Path notes = tmp.resolve("old-notes.txt");
    Files.writeString(notes, "Notes to throw away: the old router was replaced in March.");
    browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(notes.toString());
    browser.until("the second upload done", d -> browser.all(".uploads li").stream().filter(li -> li.getText().contains("added:")).count() == 2);
    browser.withText("tr", "old-notes.txt").findElement(By.cssSelector("button.danger")).click();
    assertThat(browser.find("dialog[open]").getText()).contains("Delete document?").contains("old-notes.txt");
    browser.withText("dialog button", "Delete").click();
    browser.until("the deleted document gone", d -> browser.all("tr").stream().noneMatch(r -> r.getText().contains("old-notes.txt")));
    assertThat(api.get("/v1/documents", key).json().get("total").asInt()).isEqualTo(1);

    browser.open(server.url() + "/#/search");
    browser.field("Query").sendKeys("how long is the warranty in the European Union");
    browser.field("k").clear();
    browser.field("k").sendKeys("3", Keys.ENTER);
    WebElement first = browser.find(".hit");
    String marked = first.findElement(org.openqa.selenium.By.cssSelector("mark.span")).getText();
    assertThat(marked).contains("In the European Union the warranty period is three years.");
    // The mark is exactly the hit's span of the document's extracted text.
    JsonNode hit = api.post("/v1/search", key, Map.of("query", "how long is the warranty in the European Union",
        "top_k", 3)).json().get("results").get(0);
    String docText = api.get("/v1/documents/" + hit.get("document_id").asText(), key).json().get("text").asText();
    assertThat(docText.substring(hit.get("start").asInt(), hit.get("end").asInt())).isEqualTo(hit.get("text").asText());
    assertThat(normalized(marked)).isEqualTo(normalized(hit.get("text").asText()));
    assertThat(first.getText()).containsPattern("BM25\\s+\\d+\\.\\d{3} \\(#1\\)").containsPattern("Vector\\s+0\\.\\d{3} \\(#\\d\\)")
        .contains("Fused");
    browser.screenshot("03-search");

    browser.field("Compare the three modes side by side").click();
    browser.withText("button", "Search").click();
    browser.until("three result columns", d -> browser.all(".side-by-side section.mode").size() == 3);
    assertThat(browser.all(".side-by-side h2").stream().map(WebElement::getText)).containsExactly("hybrid", "bm25", "dense");
    browser.screenshot("04-search-side-by-side");

    first = browser.find(".hit");
    first.findElement(org.openqa.selenium.By.cssSelector(".hit-head a")).click();
    WebElement span = browser.find(".doc-text mark.span");
    assertThat(normalized(span.getText())).isEqualTo(normalized(hit.get("text").asText()));
    assertThat(browser.withText(".chunk", "European Union").getText()).contains("Orbit Hub Warranty › European Union");
    browser.screenshot("05-document");
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(3)
  void should_show_the_old_residence_closed_on_the_timeline_with_its_history() {
    remember("s1", "I live in Paris and I love hiking.", "2024-03-01T10:00:00Z");
    JsonNode moved = remember("s2", "I moved to Berlin last week.", "2024-06-01T10:00:00Z");
    assertThat(moved.toString()).contains("SUPERSEDE");

    JsonNode all = api.get("/v1/memories?user_id=ann&include_history=true", key).json().get("results");
    JsonNode paris = only(all, m -> m.get("memory").asText().contains("Paris") && m.has("valid_to"));
    JsonNode berlin = only(all, m -> m.get("kind").asText().equals("fact") && m.get("memory").asText().contains("Berlin"));

    signIn(key);
    browser.withText("h1", "Overview");
    browser.open(server.url() + "/#/memory/ann");
    browser.withText("h1", "Memory of ann");
    assertThat(browser.unlabelled()).isEmpty();
    WebElement closedRow = row(paris.get("memory").asText());
    assertThat(closedRow.findElements(org.openqa.selenium.By.cssSelector(".bar.closed"))).hasSize(1);
    assertThat(closedRow.findElement(org.openqa.selenium.By.cssSelector(".closed-date")).getText())
        .as("closed when the move to Berlin became valid").startsWith(paris.get("valid_to").asText().substring(0, 10))
        .startsWith(berlin.get("valid_from").asText().substring(0, 10));
    WebElement liveRow = row(berlin.get("memory").asText());
    assertThat(liveRow.findElements(org.openqa.selenium.By.cssSelector(".bar.open"))).hasSize(1);
    assertThat(browser.withText(".kind-group", "fact (").getText()).contains(berlin.get("memory").asText())
        .doesNotContain(paris.get("memory").asText());

    liveRow.findElement(org.openqa.selenium.By.cssSelector(".bar-label")).click();
    WebElement detail = browser.withText(".detail", "History of");
    // Its change names the fact it replaced (the reason, and the related memory's text) and the
    // message it came from.
    assertThat(detail.getText()).contains("supersedes memory " + paris.get("id").asText())
        .contains(paris.get("memory").asText()).contains("I moved to Berlin last week.");
    browser.screenshot("06-memory-timeline");

    row(paris.get("memory").asText()).findElement(org.openqa.selenium.By.cssSelector(".bar-label")).click();
    detail = browser.withText(".detail", "History of “" + paris.get("memory").asText());
    assertThat(detail.getText()).contains("(superseded)").contains("Superseded: kept as history")
        .contains("I live in Paris and I love hiking.");
    assertThat(detail.findElements(org.openqa.selenium.By.xpath(".//button[text()='Edit']"))).isEmpty();
    browser.screenshot("06b-memory-history-of-superseded");
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(4)
  void should_show_the_old_fact_when_as_of_is_moved_back() {
    signIn(key);
    browser.withText("h1", "Overview");
    browser.open(server.url() + "/#/memory/ann");
    assertThat(browser.withText(".valid-at", "Believed now").getText()).contains("Berlin").doesNotContain("Paris");
    browser.field("Recall query").sendKeys("where does ann live");
    WebElement asOf = browser.field("As of (UTC)");
    browser.js("arguments[0].value = '2024-04-01T00:00'; arguments[0].dispatchEvent(new Event('change'));", asOf);
    WebElement believed = browser.withText(".valid-at", "Believed as of 2024-04-01");
    assertThat(believed.getText()).contains("Paris").doesNotContain("Berlin");
    WebElement recalled = browser.withText(".recall", "Recall as of 2024-04-01");
    assertThat(recalled.getText()).contains("Paris").doesNotContain("Berlin");
    assertThat(browser.withText(".bar-row.at", "Paris")).isNotNull();
    assertThat(browser.all(".bar-row.at").stream().map(WebElement::getText)).noneMatch(t -> t.contains("Berlin"));
    browser.screenshot("07-memory-as-of");

    browser.size(Browser.PHONE);
    browser.open(server.url() + "/#/memory/ann");
    browser.withText(".bar-row", "Paris");
    assertThat(browser.fitsWidth()).as("no sideways scrolling at 390x844").isTrue();
    browser.screenshot("08-memory-phone");
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(5)
  void should_stream_an_answer_and_open_a_citation_at_its_span() {
    signIn(key);
    browser.withText("h1", "Overview");
    browser.open(server.url() + "/#/ask");
    assertThat(browser.unlabelled()).isEmpty();
    browser.field("User id").sendKeys("ann");
    browser.field("Question").sendKeys("How long is the warranty in the European Union?", Keys.CONTROL, Keys.ENTER);
    WebElement cite = browser.find(".answer button.cite");
    WebElement trace = browser.find("details.trace");
    assertThat(trace.getText()).contains("Route").contains("Sections").containsPattern("knowledge|both");
    cite.click();
    String mark = browser.text(".cited mark.span");
    JsonNode answer = api.post("/v1/answer", key, Map.of("user_id", "ann",
        "question", "How long is the warranty in the European Union?")).json();
    JsonNode c = answer.get("citations").get(0);
    assertThat(c.get("kind").asText()).isEqualTo("document");
    String docText = api.get("/v1/documents/" + c.get("id").asText(), key).json().get("text").asText();
    assertThat(normalized(mark)).isEqualTo(normalized(docText.substring(c.get("start").asInt(), c.get("end").asInt())));
    assertThat(mark).contains("three years");
    browser.screenshot("09-ask");

    // A budget too small for every passage: the trace says what was cut and why.
    browser.field("Budget (tokens)").sendKeys("60");
    browser.field("Question").sendKeys("What does the warranty not cover?", Keys.CONTROL, Keys.ENTER);
    browser.until("a second answer with its trace", d -> browser.all("details.trace").size() == 2);
    WebElement cutTrace = browser.all("details.trace").get(1);
    assertThat(cutTrace.getText()).contains("a 60-token budget").contains("Why").contains("over the token budget");
    browser.screenshot("09b-ask-cut");

    // A question about the user: its memory citation opens the memory and its messages.
    browser.field("Budget (tokens)").clear();
    browser.field("Question").sendKeys("Where do I live now?", Keys.CONTROL, Keys.ENTER);
    browser.until("a third answer", d -> browser.all("details.trace").size() == 3);
    WebElement memoryCite = browser.all(".citations").get(2).findElements(By.tagName("li")).stream()
        .filter(li -> li.getText().toLowerCase(java.util.Locale.ROOT).contains("memory")).findFirst().orElseThrow(() -> new AssertionError(
            "no memory citation in " + browser.all(".turn").get(2).getText()))
        .findElement(By.cssSelector("button.cite"));
    memoryCite.click();
    browser.withText(".cited h2", "memory"); // the heading is "[n] memory"
    assertThat(browser.text(".cited")).contains("Berlin").contains("Messages it came from")
        .contains("I moved to Berlin last week.");
    browser.screenshot("09c-ask-memory-citation");

    browser.all(".answer button.cite").getFirst().click();
    browser.withText(".cited a", "open in the document").click();
    assertThat(normalized(browser.text(".doc-text mark.span"))).isEqualTo(normalized(mark));
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(6)
  void should_erase_the_user_only_after_the_user_id_is_typed() {
    signIn(key);
    browser.withText("h1", "Overview");
    browser.open(server.url() + "/#/memory/ann");
    // Edit, then forget, the preference, each confirmed in a dialog.
    browser.withText(".kind-group button", "hiking").click();
    browser.withText(".detail button", "Edit").click();
    WebElement area = browser.field("Memory text");
    area.clear();
    area.sendKeys("ann loves hiking in the Alps.");
    browser.withText("dialog button", "Save").click();
    browser.withText(".kind-group", "ann loves hiking in the Alps.");
    browser.withText(".kind-group button", "Alps").click();
    browser.withText(".detail button", "Forget").click();
    browser.withText("dialog button", "Forget").click();
    browser.until("the forgotten preference gone", d -> browser.all(".kind-group").stream().noneMatch(g -> g.getText().contains("Alps")));

    browser.withText("button", "Erase user ann").click();
    browser.find("dialog[open]");
    WebElement erase = browser.withText("dialog button", "Erase");
    assertThat(erase.isEnabled()).isFalse();
    WebElement typed = browser.field("Type ann to confirm");
    typed.sendKeys("an");
    assertThat(erase.isEnabled()).isFalse();
    typed.sendKeys("n");
    assertThat(erase.isEnabled()).isTrue();
    browser.screenshot("10-erase-confirm");
    erase.click();
    assertThat(browser.withText(".done", "Erased ann").getText()).containsPattern("\\d+ memories");
    assertThat(browser.all("dialog")).isEmpty();
    assertThat(api.get("/v1/memories?user_id=ann&include_history=true", key).json().get("total").asInt()).isZero();
    assertThat(browser.problems()).isEmpty();
  }

  @Test
  @Order(7)
  void should_show_a_bad_key_error_with_its_code() {
    signIn("not-a-key-of-this-server");
    WebElement error = browser.find(".login .error");
    assertThat(error.getText()).contains("ENGRAM-911");
    assertThat(browser.js("return sessionStorage.getItem('engram.key')")).isNull();
    browser.screenshot("11-bad-key");
    // The one expected failure: the browser logs the refused request itself.
    assertThat(browser.problems("/v1/whoami - Failed to load resource: the server responded with a status of 401")).isEmpty();
  }

  @Test
  @Order(8)
  void should_create_a_key_shown_once_and_revoke_it_with_the_admin_key() {
    signIn(ADMIN);
    browser.withText("h1", "Keys");
    assertThat(browser.all("nav a").stream().map(WebElement::getText)).containsExactly("Keys");
    browser.field("Tenant").sendKeys("globex");
    browser.field("Name").sendKeys("support bot", Keys.ENTER);
    WebElement secret = browser.find(".new-key input.secret");
    String newKey = secret.getDomProperty("value");
    assertThat(api.get("/v1/whoami", newKey).json().get("tenant").asText()).isEqualTo("globex");
    assertThat(browser.withText("tr", "globex").getText()).doesNotContain(newKey);
    browser.screenshot("12-keys");
    browser.withText("tr", "globex").findElement(org.openqa.selenium.By.cssSelector("button")).click();
    browser.withText("dialog button", "Revoke").click();
    browser.until("the key gone from the list", d -> browser.all("tr").stream().noneMatch(r -> r.getText().contains("globex")));
    assertThat(api.get("/v1/whoami", newKey).status()).isEqualTo(401);
    assertThat(browser.problems()).isEmpty();
  }

  /** The timeline row of the memory whose text is exactly {@code text}. */
  private static WebElement row(String text) {
    browser.withText(".bar-text", text);
    return browser.all(".bar-row").stream()
        .filter(r -> r.findElement(org.openqa.selenium.By.cssSelector(".bar-text")).getText().equals(text))
        .findFirst().orElseThrow(() -> new AssertionError("no timeline row for " + text));
  }

  private static JsonNode only(JsonNode all, java.util.function.Predicate<JsonNode> which) {
    List<JsonNode> found = new java.util.ArrayList<>();
    all.forEach(m -> {
      if (which.test(m)) {
        found.add(m);
      }
    });
    assertThat(found).as(all.toString()).hasSize(1);
    return found.getFirst();
  }

  private static JsonNode remember(String session, String text, String at) {
    Api.Reply r = api.post("/v1/memories", key, Map.of("user_id", "ann", "session_id", session,
        "messages", List.of(Map.of("role", "user", "content", text, "created_at", at))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** Text as the browser renders it: runs of whitespace are one space. */
  private static String normalized(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
